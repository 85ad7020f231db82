package dlt.api.usecase;

import dlt.core.run.RunStatus;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import java.util.Optional;

/** {@code GET|PUT|DELETE /scenarios/{testId}/baseline}: the run others are compared against. */
public final class Baseline {

    private final Ports ports;

    public Baseline(Ports ports) {
        this.ports = ports;
    }

    /** The baseline, if any: its id and, when asked for and still there, its run. */
    public record View(String testId, String baselineId, TestRun run, String previousBaselineId) {
    }

    public View get(String testId, boolean withRun) {
        StoredScenario scenario = find(testId);
        String baselineId = scenario.baselineId();
        TestRun run = baselineId != null && withRun ? ports.runs().find(testId, baselineId).orElse(null) : null;
        return new View(testId, baselineId, run, null);
    }

    /** Makes a complete run the baseline. */
    public View put(String testId, String testRunId) {
        StoredScenario scenario = find(testId);
        TestRun run = ports.runs().find(testId, testRunId)
                .orElseThrow(() -> ApiException.runNotFound("testRunId", testId, testRunId));
        if (run.status() != RunStatus.COMPLETE) {
            throw ApiException.badBody("testRunId", "run " + testRunId + " is " + run.status().wire()
                    + "; only a complete run can be the baseline");
        }
        ports.scenarios().setBaseline(testId, testRunId);
        return new View(testId, testRunId, run, scenario.baselineId());
    }

    public View clear(String testId) {
        StoredScenario scenario = find(testId);
        if (scenario.baselineId() == null) {
            throw new ApiException(ErrorCode.NO_BASELINE_SET, null, "test " + testId + " has no baseline to remove");
        }
        ports.scenarios().setBaseline(testId, null);
        return new View(testId, null, null, scenario.baselineId());
    }

    /** The baseline run of a test. @throws ApiException NO_BASELINE_SET or TESTRUN_NOT_FOUND */
    TestRun baselineRun(StoredScenario scenario) {
        if (scenario.baselineId() == null) {
            throw new ApiException(ErrorCode.NO_BASELINE_SET, null,
                    "test " + scenario.testId() + " has no baseline; set one with PUT /scenarios/"
                            + scenario.testId() + "/baseline");
        }
        Optional<TestRun> run = ports.runs().find(scenario.testId(), scenario.baselineId());
        return run.orElseThrow(() -> ApiException.runNotFound("baselineId", scenario.testId(), scenario.baselineId()));
    }

    StoredScenario find(String testId) {
        return ports.scenarios().find(testId).orElseThrow(() -> ApiException.testNotFound(testId));
    }
}
