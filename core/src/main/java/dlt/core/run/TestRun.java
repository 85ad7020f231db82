package dlt.core.run;

import dlt.core.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/**
 * One run of a scenario (a row of the test-runs table). The scenario is the one that ran, frozen at
 * start; results are bounded summaries (the full data lives in S3 beside the run).
 *
 * @param results     DLT's {@code results} object as JSON ({@code {total: {...}, <region>: {...}}}), or null
 * @param summary     our run summary JSON (ARCHITECTURE §4), or null until parsed
 */
public record TestRun(String testId, String testRunId, RunStatus status, Instant startTime, Instant endTime,
                      Scenario scenario, String errorReason, String results, String summary, Double succPercent,
                      boolean partial, List<String> missingTasks) {
    public TestRun {
        missingTasks = missingTasks == null ? List.of() : List.copyOf(missingTasks);
    }

    public static TestRun queued(Scenario scenario, String testRunId, Instant startTime) {
        return new TestRun(scenario.testId(), testRunId, RunStatus.QUEUED, startTime, null, scenario, null, null, null,
                null, false, List.of());
    }

    public TestRun withStatus(RunStatus next, String reason, Instant at) {
        return new TestRun(testId, testRunId, next, startTime, next.isTerminal() ? at : endTime, scenario,
                reason != null ? reason : errorReason, results, summary, succPercent, partial, missingTasks);
    }
}
