package dlt.api.usecase;

import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.StoredScenario;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.Schedule;
import dlt.core.schedule.RunSchedule;
import dlt.core.schedule.ScheduleReader;
import dlt.core.schedule.ScheduleTiming;
import dlt.core.validation.Violations;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /scenarios}: stores a scenario and, unless {@code saveOnly}, starts a run of it (DLT's
 * create and start). With schedule fields it stores the scenario as {@code scheduled} and sets its
 * schedule instead (also running now with {@code runNow}); without them, a schedule the scenario had
 * is removed, since the body describes the scenario whole. Everything is checked before the first write.
 */
public final class CreateScenario {

    private static final System.Logger LOG = System.getLogger(CreateScenario.class.getName());

    private final Ports ports;
    private final Clock clock;
    private final IdSource ids;
    private final Features features;
    private final StartRun starter;

    public CreateScenario(Ports ports, Clock clock, IdSource ids, Features features, StartRun starter) {
        this.ports = ports;
        this.clock = clock;
        this.ids = ids;
        this.features = features;
        this.starter = starter;
    }

    /** What was stored, and the run started ({@code testRunId} null when none was). */
    public record Result(StoredScenario scenario, String testRunId) {
    }

    public Result create(Scenario requested) {
        if (requested.testId() != null && requested.testId().startsWith("region-")) {
            throw ApiException.badBody("testId", "must not start with region-, which names a region's resources");
        }
        checkFeatures(requested);
        String testId = requested.testId() != null ? requested.testId() : ids.next();
        Scenario scenario = normalized(requested, testId);
        Instant now = clock.instant();
        RunSchedule schedule = schedule(scenario, now);
        // saveOnly is ignored when a schedule is given, as DLT does
        boolean runsNow = schedule != null ? requested.runNow() : !requested.saveOnly();
        Map<String, RegionResources> regions = starter.checkRegions(scenario, runsNow);
        Optional<StoredScenario> existing = ports.scenarios().find(testId);
        if (existing.isPresent() && existing.get().status().isActive()) {
            throw StartRun.testRunning(testId);
        }
        StoredScenario stored = existing.map(s -> s.withScenario(scenario, now))
                .orElseGet(() -> StoredScenario.created(scenario, now));
        if (schedule != null) {
            setSchedule(testId, schedule);
            stored = stored.scheduled(schedule.nextAfter(now).orElse(null), now);
            ports.scenarios().put(stored);
        } else if (existing.isPresent() && (existing.get().nextRun() != null
                || existing.get().scenario().schedule() != null)) {
            removeSchedule(testId);
            stored = stored.withNextRun(null);
            if (stored.status() == RunStatus.SCHEDULED || !runsNow) {
                stored = asCreated(stored);
            }
            ports.scenarios().put(stored);
        } else if (!runsNow) {
            stored = asCreated(stored);
            ports.scenarios().put(stored);
        } else if (existing.isEmpty()) {
            ports.scenarios().put(stored);
        }
        if (!runsNow) {
            return new Result(stored, null);
        }
        StartRun.Started started = starter.start(scenario, regions);
        return new Result(started.scenario(), started.testRunId());
    }

    /** The schedule the fields describe, checked against now and the test's length; null without one. */
    private RunSchedule schedule(Scenario scenario, Instant now) {
        Violations violations = new Violations();
        RunSchedule schedule = ScheduleReader.read(scenario.schedule(), violations);
        if (schedule != null) {
            Duration testDuration = scenario.testScenario().testDuration().toJava();
            ScheduleTiming.check(schedule, now, testDuration, violations);
        }
        violations.throwIfAny();
        return schedule;
    }

    private void setSchedule(String testId, RunSchedule schedule) {
        try {
            ports.schedules().put(testId, schedule);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "setting the schedule of test " + testId + " failed", e);
            throw new ApiException(ErrorCode.SCHEDULE_FAILED, null,
                    "the schedule could not be set; nothing was changed, try again later");
        }
    }

    private void removeSchedule(String testId) {
        try {
            ports.schedules().delete(testId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "removing the schedule of test " + testId + " failed", e);
            throw new ApiException(ErrorCode.SCHEDULE_FAILED, null,
                    "the test's schedule could not be removed; nothing was changed, try again later");
        }
    }

    private void checkFeatures(Scenario scenario) {
        if (!features.testTypes().contains(scenario.testType())) {
            throw new ApiException(ErrorCode.UNSUPPORTED_TEST_TYPE, "testType",
                    "this deployment runs " + features.describeTestTypes() + " tests; "
                            + scenario.testType().jsonValue() + " tests are not available yet");
        }
        Schedule schedule = scenario.schedule();
        if (schedule != null && !features.scheduling()) {
            throw new ApiException(ErrorCode.SCHEDULING_NOT_AVAILABLE, firstScheduleField(schedule),
                    "this deployment runs tests when they are created; scheduling is not available");
        }
    }

    private static String firstScheduleField(Schedule schedule) {
        if (schedule.scheduleDate() != null) return "scheduleDate";
        if (schedule.scheduleTime() != null) return "scheduleTime";
        if (schedule.recurrence() != null) return "recurrence";
        if (schedule.cronValue() != null) return "cronValue";
        if (schedule.cronExpiryDate() != null) return "cronExpiryDate";
        return "scheduleTimezone";
    }

    /** The scenario as kept: with its id, and without {@code saveOnly}/{@code runNow}, which are about this request only. */
    private static Scenario normalized(Scenario s, String testId) {
        return new Scenario(testId, s.testName(), s.testDescription(), s.testType(), s.fileType(),
                s.testTaskConfigs(), s.testScenario(), s.showLive(), s.schedule(), s.tags(), false, false);
    }

    private static StoredScenario asCreated(StoredScenario s) {
        return new StoredScenario(s.scenario(), RunStatus.CREATED, s.lastRunId(), s.startTime(), s.endTime(),
                s.nextRun(), s.baselineId(), s.totalTestRuns(), null, s.results(), s.createdAt(), s.updatedAt());
    }
}
