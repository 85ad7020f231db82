package dlt.api.usecase;

import dlt.core.port.ConflictException;
import dlt.core.port.StorageKeys;
import dlt.core.port.TaskLauncher;
import dlt.core.port.WorkflowStarter.WorkflowStartException;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import dlt.core.scenario.Schedule;
import dlt.core.scenario.TaskConfig;
import dlt.core.threshold.ThresholdError;
import dlt.core.threshold.Thresholds;
import dlt.core.validation.Violations;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /scenarios}: stores a scenario and, unless {@code saveOnly}, starts a run of it (DLT's
 * create and start). Everything is checked before the first write; once a run is queued it is never
 * left queued: if the workflow cannot start, the run and the scenario are marked failed.
 */
public final class CreateScenario {

    private static final System.Logger LOG = System.getLogger(CreateScenario.class.getName());

    private final Ports ports;
    private final Clock clock;
    private final IdSource ids;
    private final Features features;
    private final UploadedScriptCheck scripts;

    public CreateScenario(Ports ports, Clock clock, IdSource ids, Features features) {
        this.ports = ports;
        this.clock = clock;
        this.ids = ids;
        this.features = features;
        this.scripts = new UploadedScriptCheck(ports.objects());
    }

    /** What was stored, and the run started ({@code testRunId} null with saveOnly). */
    public record Result(StoredScenario scenario, String testRunId) {
    }

    public Result create(Scenario requested) {
        if (requested.testId() != null && requested.testId().startsWith("region-")) {
            throw ApiException.badBody("testId", "must not start with region-, which names a region's resources");
        }
        checkFeatures(requested);
        Map<String, RegionResources> regions = checkRegionsAndCapacity(requested);
        String testId = requested.testId() != null ? requested.testId() : ids.next();
        Scenario scenario = normalized(requested, testId);
        scripts.check(scenario, requested.testId() != null);
        Optional<StoredScenario> existing = ports.scenarios().find(testId);
        if (existing.isPresent() && existing.get().status().isActive()) {
            throw testRunning(testId);
        }
        Instant now = clock.instant();
        StoredScenario stored = existing.map(s -> s.withScenario(scenario, now))
                .orElseGet(() -> StoredScenario.created(scenario, now));
        if (requested.saveOnly()) {
            StoredScenario saved = asCreated(stored);
            ports.scenarios().put(saved);
            return new Result(saved, null);
        }
        if (existing.isEmpty()) {
            ports.scenarios().put(stored);
        }
        return start(scenario, regions);
    }

    private Result start(Scenario scenario, Map<String, RegionResources> regions) {
        String testId = scenario.testId();
        String testRunId = ids.next();
        for (TaskConfig config : scenario.testTaskConfigs()) {
            ports.objects().put(StorageKeys.runConfig(testId, testRunId, config.region()),
                    runConfig(scenario, config), "application/json");
        }
        Instant startTime = clock.instant();
        StoredScenario begun;
        try {
            begun = ports.scenarios().beginRun(testId, testRunId, startTime);
        } catch (ConflictException e) {
            ports.objects().deletePrefix(StorageKeys.runConfigs(testId) + testRunId + "/");
            throw testRunning(testId);
        }
        // The new definition is stored only once this request owns the run: a request that loses a
        // start race must not replace the scenario the winning run is using.
        if (!begun.scenario().equals(scenario)) {
            begun = begun.withScenario(scenario, clock.instant());
            ports.scenarios().put(begun);
        }
        try {
            ports.runs().create(TestRun.queued(scenario, testRunId, startTime));
            ports.workflows().start(stateMachineInput(scenario, testRunId, regions));
        } catch (RuntimeException e) {
            String reason = "The test could not be started: the workflow did not start"
                    + (e instanceof WorkflowStartException ? " (" + e.getMessage() + ")"
                    : "");
            LOG.log(Level.ERROR, "starting run " + testRunId + " of test " + testId + " failed", e);
            markFailed(testId, testRunId, reason);
            throw new ApiException(ErrorCode.WORKFLOW_START_FAILED, null,
                    "the test could not be started; run " + testRunId + " is marked failed, try again later");
        }
        return new Result(begun, testRunId);
    }

    private void markFailed(String testId, String testRunId, String reason) {
        Instant at = clock.instant();
        try {
            ports.runs().updateStatus(testId, testRunId, RunStatus.FAILED, reason, at);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not mark run " + testRunId + " failed", e);
        }
        try {
            ports.scenarios().updateRunStatus(testId, testRunId, RunStatus.FAILED, reason, at);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not mark test " + testId + " failed", e);
        }
    }

    private void checkFeatures(Scenario scenario) {
        if (!features.testTypes().contains(scenario.testType())) {
            String missing = features.missing().get(scenario.testType());
            throw new ApiException(ErrorCode.UNSUPPORTED_TEST_TYPE, "testType",
                    "this deployment runs " + features.describeTestTypes() + " tests; "
                            + scenario.testType().jsonValue() + " tests cannot run here: "
                            + (missing != null ? missing : "they are not available yet"));
        }
        Schedule schedule = scenario.schedule();
        if (schedule != null && !features.scheduling()) {
            throw new ApiException(ErrorCode.SCHEDULING_NOT_AVAILABLE, firstScheduleField(schedule),
                    "this deployment runs tests when they are created; scheduling is not available yet");
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

    /**
     * What the scenario's own rules cannot know: every threshold parses, every region has testing
     * resources and room for its tasks as the server counts it.
     */
    private Map<String, RegionResources> checkRegionsAndCapacity(Scenario scenario) {
        Violations violations = new Violations();
        checkThresholds(scenario, violations);
        Map<String, RegionResources> regions = new LinkedHashMap<>();
        List<TaskConfig> configs = scenario.testTaskConfigs();
        for (int i = 0; i < configs.size(); i++) {
            TaskConfig config = configs.get(i);
            String path = "testTaskConfigs[" + i + "]";
            Optional<RegionResources> resources = ports.scenarios().region(config.region())
                    .filter(RegionResources::isDeployed);
            if (resources.isEmpty()) {
                violations.add(path + ".region", "deployed region",
                        "has no testing resources deployed; deployed regions: " + deployedRegions());
                continue;
            }
            regions.put(config.region(), resources.get());
            TaskLauncher.Capacity capacity = ports.tasks().capacity(resources.get());
            int available = capacity.availableTasks();
            if (config.taskCount() > available) {
                violations.add(path + ".taskCount", "at most the available tasks (" + available + ")",
                        "asks for " + config.taskCount() + " tasks but " + config.region() + " has room for "
                                + available + " now");
            }
        }
        violations.throwIfAny();
        return regions;
    }

    private static void checkThresholds(Scenario scenario, Violations violations) {
        Map<String, List<String>> thresholds = scenario.testScenario().thresholds();
        for (ThresholdError error : Thresholds.problems(thresholds)) {
            List<String> expressions = thresholds.getOrDefault(error.key(), List.of());
            int index = expressions.indexOf(error.expression());
            String field = "testScenario.thresholds." + error.key() + (index < 0 ? "" : "[" + index + "]");
            violations.add(field, "threshold expression", error.message());
        }
    }

    private String deployedRegions() {
        List<String> names = new ArrayList<>();
        for (RegionResources region : ports.scenarios().regions()) {
            if (region.isDeployed()) {
                names.add(region.region());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names.stream().sorted().toList());
    }

    private static StateMachineInput stateMachineInput(Scenario scenario, String testRunId,
            Map<String, RegionResources> regions) {
        List<StateMachineInput.RegionRun> runs = new ArrayList<>();
        for (TaskConfig config : scenario.testTaskConfigs()) {
            runs.add(StateMachineInput.RegionRun.of(regions.get(config.region()), config.taskCount(),
                    config.concurrency()));
        }
        long millis = scenario.testScenario().testDuration().toMillis();
        long seconds = (millis + 999) / 1000;
        return new StateMachineInput(scenario.testId(), testRunId, scenario.testType().jsonValue(),
                scenario.fileType().jsonValue(), scenario.showLive(), seconds, runs);
    }

    /** The scenario a region's workers run: the whole scenario with that region's task config only. */
    static byte[] runConfig(Scenario scenario, TaskConfig config) {
        Scenario regional = new Scenario(scenario.testId(), scenario.testName(), scenario.testDescription(),
                scenario.testType(), scenario.fileType(), List.of(config), scenario.testScenario(),
                scenario.showLive(), null, scenario.tags(), false);
        return ScenarioJson.toJson(regional).getBytes(StandardCharsets.UTF_8);
    }

    /** The scenario as kept: with its id, and without {@code saveOnly}, which is about this request only. */
    private static Scenario normalized(Scenario s, String testId) {
        return new Scenario(testId, s.testName(), s.testDescription(), s.testType(), s.fileType(),
                s.testTaskConfigs(), s.testScenario(), s.showLive(), s.schedule(), s.tags(), false);
    }

    private static StoredScenario asCreated(StoredScenario s) {
        return new StoredScenario(s.scenario(), RunStatus.CREATED, s.lastRunId(), s.startTime(), s.endTime(),
                s.nextRun(), s.baselineId(), s.totalTestRuns(), null, s.results(), s.createdAt(), s.updatedAt());
    }

    private static ApiException testRunning(String testId) {
        return new ApiException(ErrorCode.TEST_RUNNING, "testId",
                "test " + testId + " has a run in progress; cancel it or wait for it to end");
    }
}
