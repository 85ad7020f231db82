package dlt.core.run;

import dlt.core.scenario.Scenario;
import java.time.Instant;

/**
 * A scenario as stored (a row of the scenarios table): the validated scenario plus what the system
 * keeps about it: the status of its latest run, when it ran, the baseline and run count.
 *
 * @param results DLT's {@code results} object of the latest run as JSON, or null
 */
public record StoredScenario(Scenario scenario, RunStatus status, String lastRunId, Instant startTime, Instant endTime,
                             Instant nextRun, String baselineId, int totalTestRuns, String errorReason, String results,
                             Instant createdAt, Instant updatedAt) {

    public String testId() {
        return scenario.testId();
    }

    public static StoredScenario created(Scenario scenario, Instant now) {
        return new StoredScenario(scenario, RunStatus.CREATED, null, null, null, null, null, 0, null, null, now, now);
    }

    public StoredScenario withScenario(Scenario next, Instant now) {
        return new StoredScenario(next, status, lastRunId, startTime, endTime, nextRun, baselineId, totalTestRuns,
                errorReason, results, createdAt, now);
    }

    /** Waiting for its schedule: status scheduled, the next run at {@code next} (null when none is due). */
    public StoredScenario scheduled(Instant next, Instant now) {
        return new StoredScenario(scenario, RunStatus.SCHEDULED, lastRunId, startTime, endTime, next, baselineId,
                totalTestRuns, null, results, createdAt, now);
    }

    public StoredScenario withNextRun(Instant next) {
        return new StoredScenario(scenario, status, lastRunId, startTime, endTime, next, baselineId, totalTestRuns,
                errorReason, results, createdAt, updatedAt);
    }

    public StoredScenario withBaseline(String runId, Instant now) {
        return new StoredScenario(scenario, status, lastRunId, startTime, endTime, nextRun, runId, totalTestRuns,
                errorReason, results, createdAt, now);
    }
}
