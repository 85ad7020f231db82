package dlt.api.usecase;

import dlt.core.run.RegionResources;
import dlt.core.run.StoredScenario;
import dlt.core.schedule.RunSchedule;
import dlt.core.schedule.ScheduleReader;
import dlt.core.validation.ValidationException;
import dlt.core.validation.Violations;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A schedule fired: start the scenario's run, as a person pressing start would, and move
 * {@code nextRun} on. A run that is due and cannot start (another still running, no capacity, the
 * platform down when it was due) is recorded in the history as failed with the reason, never dropped
 * silently; a firing that matches no run of the current schedule (an edited schedule, a biweekly
 * schedule's off week) and a repeated delivery of one firing start nothing.
 */
public final class RunScheduledScenario {

    private static final System.Logger LOG = System.getLogger(RunScheduledScenario.class.getName());

    private final Ports ports;
    private final Clock clock;
    private final StartRun starter;

    public RunScheduledScenario(Ports ports, Clock clock, StartRun starter) {
        this.ports = ports;
        this.clock = clock;
        this.starter = starter;
    }

    public enum Outcome { STARTED, NOT_STARTED, NOT_DUE, DUPLICATE, NO_SCHEDULE }

    /** What came of a firing; {@code testRunId} is the run started or recorded as not started. */
    public record Result(Outcome outcome, String testRunId, String message) {
    }

    /**
     * @param scheduledTime when the scheduler meant the run to start (EventBridge's scheduled time), or
     *                      null to take now
     */
    public Result run(String testId, Instant scheduledTime) {
        Instant now = clock.instant();
        Instant due = scheduledTime != null ? scheduledTime : now;
        Optional<StoredScenario> found = ports.scenarios().find(testId);
        Optional<RunSchedule> schedule = found.flatMap(RunScheduledScenario::scheduleOf);
        if (schedule.isEmpty()) {
            removeSchedule(testId);
            return new Result(Outcome.NO_SCHEDULE, null, found.isEmpty()
                    ? "test " + testId + " no longer exists; its schedule was removed"
                    : "test " + testId + " has no schedule now; the stale one was removed");
        }
        StoredScenario stored = found.get();
        if (!schedule.get().runsAt(due)) {
            return new Result(Outcome.NOT_DUE, null, "no run of test " + testId + " is due at " + due);
        }
        if (stored.nextRun() != null && stored.nextRun().isAfter(due.plusSeconds(59))) {
            return new Result(Outcome.DUPLICATE, null, "the run of test " + testId + " due at " + due
                    + " was handled already");
        }
        moveNextRun(testId, schedule.get(), now.isAfter(due) ? now : due);
        if (stored.status().isActive()) {
            String runId = starter.recordNotStarted(stored.scenario(), "The scheduled run due at " + due
                    + " did not start: run " + stored.lastRunId() + " was still " + stored.status().wire());
            return new Result(Outcome.NOT_STARTED, runId, "run " + stored.lastRunId() + " was still active");
        }
        try {
            Map<String, RegionResources> regions = starter.checkRegions(stored.scenario(), true);
            StartRun.Started started = starter.start(stored.scenario(), regions);
            return new Result(Outcome.STARTED, started.testRunId(), "run " + started.testRunId() + " started");
        } catch (ValidationException e) {
            String runId = starter.recordNotStarted(stored.scenario(),
                    "The scheduled run due at " + due + " did not start: " + e.getMessage());
            return new Result(Outcome.NOT_STARTED, runId, e.getMessage());
        } catch (ApiException e) {
            if (e.code() == ErrorCode.TEST_RUNNING && startedByAnotherDelivery(testId, stored, due)) {
                return new Result(Outcome.DUPLICATE, null, "another delivery of this firing started the run");
            }
            if (e.code() == ErrorCode.WORKFLOW_START_FAILED) {
                // the run is recorded and marked failed already
                return new Result(Outcome.NOT_STARTED, null, e.getMessage());
            }
            String runId = starter.recordNotStarted(stored.scenario(),
                    "The scheduled run due at " + due + " did not start: " + e.getMessage());
            return new Result(Outcome.NOT_STARTED, runId, e.getMessage());
        }
    }

    /**
     * Runs that were due while nothing could start them (the local platform was stopped): recorded as
     * one failed run naming them, and {@code nextRun} moved past them.
     */
    public Result missed(String testId, List<Instant> missed) {
        Optional<StoredScenario> found = ports.scenarios().find(testId);
        Optional<RunSchedule> schedule = found.flatMap(RunScheduledScenario::scheduleOf);
        if (schedule.isEmpty() || missed.isEmpty()) {
            return new Result(Outcome.NO_SCHEDULE, null, "nothing to report for test " + testId);
        }
        moveNextRun(testId, schedule.get(), clock.instant());
        String reason = missed.size() == 1
                ? "The scheduled run due at " + missed.get(0) + " was missed: the platform was not running then"
                : missed.size() + " scheduled runs, due from " + missed.get(0) + " to " + missed.get(missed.size() - 1)
                        + ", were missed: the platform was not running then";
        String runId = starter.recordNotStarted(found.get().scenario(), reason);
        return new Result(Outcome.NOT_STARTED, runId, reason);
    }

    private void moveNextRun(String testId, RunSchedule schedule, Instant after) {
        Optional<Instant> next = schedule.nextAfter(after);
        ports.scenarios().setNextRun(testId, next.orElse(null));
        if (next.isEmpty()) {
            // a one-time schedule has fired, or a recurring one expired
            removeSchedule(testId);
        }
    }

    private boolean startedByAnotherDelivery(String testId, StoredScenario before, Instant due) {
        return ports.scenarios().find(testId)
                .filter(now -> now.lastRunId() != null && !now.lastRunId().equals(before.lastRunId()))
                .filter(now -> now.startTime() != null && !now.startTime().isBefore(due))
                .isPresent();
    }

    private void removeSchedule(String testId) {
        try {
            ports.schedules().delete(testId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove the schedule of test " + testId, e);
        }
    }

    private static Optional<RunSchedule> scheduleOf(StoredScenario stored) {
        Violations violations = new Violations();
        RunSchedule schedule = ScheduleReader.read(stored.scenario().schedule(), violations);
        return violations.isEmpty() ? Optional.ofNullable(schedule) : Optional.empty();
    }
}
