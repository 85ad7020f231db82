package dlt.core.run;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /scenarios} lists of a scenario: its names, status, times, schedule and tags, without
 * the scenario definition, which can be large and is not needed to list it.
 */
public record ScenarioSummary(String testId, String testName, String testDescription, String testType,
                              RunStatus status, Instant startTime, Instant endTime, Instant nextRun,
                              String recurrence, String cronValue, String scheduleTimezone, List<String> tags,
                              int totalTestRuns, String baselineId, Instant createdAt) {

    public ScenarioSummary {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ScenarioSummary of(StoredScenario stored) {
        var scenario = stored.scenario();
        var schedule = scenario.schedule();
        return new ScenarioSummary(stored.testId(), scenario.testName(), scenario.testDescription(),
                scenario.testType() == null ? null : scenario.testType().jsonValue(), stored.status(),
                stored.startTime(), stored.endTime(), stored.nextRun(),
                schedule == null ? null : schedule.recurrence(), schedule == null ? null : schedule.cronValue(),
                schedule == null ? null : schedule.scheduleTimezone(), scenario.tags(), stored.totalTestRuns(),
                stored.baselineId(), stored.createdAt());
    }
}
