package dlt.api.usecase;

import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.run.RegionResources;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.TaskConfig;
import dlt.core.schedule.RunSchedule;
import dlt.core.scenario.Schedule;
import dlt.core.schedule.ScheduleReader;
import dlt.core.schedule.ScheduleTiming;
import java.time.Duration;
import dlt.core.validation.Violations;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code GET /scenarios} and {@code GET /scenarios/{testId}}. */
public final class ScenarioQueries {

    private static final System.Logger LOG = System.getLogger(ScenarioQueries.class.getName());

    /** How many upcoming runs a scenario's details preview. */
    public static final int UPCOMING_RUNS = 5;

    private final Ports ports;
    private final Clock clock;

    public ScenarioQueries(Ports ports, Clock clock) {
        this.ports = ports;
        this.clock = clock;
    }

    /**
     * A scenario with its runs, newest first ({@code history} empty when not asked for), and its
     * schedule's upcoming runs ({@code upcoming} null without a schedule).
     */
    public record Details(StoredScenario scenario, List<TestRun> history, TestRun latest,
                          List<RegionTasks> tasksPerRegion, Upcoming upcoming) {
    }

    /** A schedule and its next runs from now. */
    public record Upcoming(RunSchedule schedule, List<Instant> runs) {
    }

    /** The worker tasks of the active run in one region. */
    public record RegionTasks(String region, int running, int pending, int desired, List<WorkerTask> tasks) {
    }

    /** Scenarios newest first; with tags, those carrying any of them (compared trimmed, ignoring case). */
    public List<ScenarioSummary> list(List<String> tags) {
        Set<String> wanted = tags.stream().map(ScenarioQueries::normalTag).collect(Collectors.toSet());
        return ports.scenarios().summaries().stream()
                .filter(s -> wanted.isEmpty() || s.tags().stream().map(ScenarioQueries::normalTag).anyMatch(wanted::contains))
                .sorted(Comparator.comparing(ScenarioQueries::recency, Comparator.reverseOrder())
                        .thenComparing(ScenarioSummary::testId))
                .toList();
    }

    public Details get(String testId, boolean withHistory, boolean withLatest) {
        StoredScenario scenario = ports.scenarios().find(testId).orElseThrow(() -> ApiException.testNotFound(testId));
        List<TestRun> history = withHistory ? ports.runs().listAll(testId) : List.of();
        TestRun latest = null;
        if (withLatest && scenario.lastRunId() != null) {
            latest = ports.runs().find(testId, scenario.lastRunId()).orElse(null);
        }
        List<RegionTasks> tasks = scenario.status().isActive() && scenario.lastRunId() != null
                ? tasksPerRegion(scenario) : List.of();
        return new Details(scenario, history, latest, tasks, upcoming(scenario));
    }

    /**
     * The runs a schedule would start from now, checked as a scenario's would be (a minute ahead, no
     * overlap with a test of {@code testDuration}, an expiry after the next run).
     *
     * @throws dlt.core.validation.ValidationException naming the field at fault
     */
    public Upcoming preview(Schedule fields, Duration testDuration) {
        Violations violations = new Violations();
        RunSchedule schedule = ScheduleReader.read(fields, violations);
        Instant now = clock.instant();
        if (schedule != null) {
            ScheduleTiming.check(schedule, now, testDuration, violations);
        }
        violations.throwIfAny();
        return new Upcoming(schedule, schedule.runsAfter(now, UPCOMING_RUNS));
    }

    private Upcoming upcoming(StoredScenario scenario) {
        Violations ignored = new Violations();
        RunSchedule schedule = ScheduleReader.read(scenario.scenario().schedule(), ignored);
        if (schedule == null || !ignored.isEmpty()) {
            return null;
        }
        // from the run the scheduler will start next: none once a one-time schedule has fired or a schedule expired
        Instant next = scenario.nextRun();
        if (next == null) {
            return new Upcoming(schedule, List.of());
        }
        Instant now = clock.instant();
        Instant from = next.isBefore(now) ? now : next.minusSeconds(1);
        return new Upcoming(schedule, schedule.runsAfter(from, UPCOMING_RUNS));
    }

    private List<RegionTasks> tasksPerRegion(StoredScenario scenario) {
        List<RegionTasks> result = new ArrayList<>();
        for (TaskConfig config : scenario.scenario().testTaskConfigs()) {
            Optional<RegionResources> resources = ports.scenarios().region(config.region());
            if (resources.isEmpty() || !resources.get().isDeployed()) {
                continue;
            }
            List<WorkerTask> tasks;
            try {
                tasks = ports.tasks().tasks(resources.get(), scenario.testId(), scenario.lastRunId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not list the tasks of " + scenario.testId() + " in "
                        + config.region(), e);
                continue;
            }
            int running = (int) tasks.stream().filter(t -> "RUNNING".equals(t.status())).count();
            int pending = (int) tasks.stream()
                    .filter(t -> "PROVISIONING".equals(t.status()) || "PENDING".equals(t.status())).count();
            result.add(new RegionTasks(config.region(), running, pending, config.taskCount(), tasks));
        }
        return result;
    }

    private static Instant recency(ScenarioSummary s) {
        if (s.startTime() != null) {
            return s.startTime();
        }
        return s.createdAt() != null ? s.createdAt() : Instant.EPOCH;
    }

    static String normalTag(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }
}
