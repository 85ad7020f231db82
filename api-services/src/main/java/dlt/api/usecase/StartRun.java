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
 * Starting a run of a stored scenario, the one way runs begin, whether a person asked (POST /scenarios)
 * or a schedule fired: run configs written, the run owned through the scenario's conditional
 * {@code beginRun}, the run recorded, the workflow started. A run is never left queued: if the
 * workflow cannot start, the run and the scenario are marked failed.
 */
public final class StartRun {

    private static final System.Logger LOG = System.getLogger(StartRun.class.getName());

    private final Ports ports;
    private final Clock clock;
    private final IdSource ids;

    public StartRun(Ports ports, Clock clock, IdSource ids) {
        this.ports = ports;
        this.clock = clock;
        this.ids = ids;
    }

    /** The scenario as stored once the run is its own, and the run's id. */
    public record Started(StoredScenario scenario, String testRunId) {
    }

    /**
     * What the scenario's own rules cannot know: every threshold parses, every region has testing
     * resources and, when {@code withCapacity}, room for its tasks as the server counts it now.
     *
     * @throws dlt.core.validation.ValidationException naming each field at fault
     */
    public Map<String, RegionResources> checkRegions(Scenario scenario, boolean withCapacity) {
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
            if (!withCapacity) {
                continue;
            }
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

    /**
     * Starts a run of {@code scenario}, which is stored already.
     *
     * @throws ApiException TEST_RUNNING when another run is active, WORKFLOW_START_FAILED when the
     *                      workflow did not start (the run is then marked failed)
     */
    public Started start(Scenario scenario, Map<String, RegionResources> regions) {
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
                    + (e instanceof WorkflowStartException ? " (" + e.getMessage() + ")" : "");
            LOG.log(Level.ERROR, "starting run " + testRunId + " of test " + testId + " failed", e);
            markFailed(testId, testRunId, reason);
            throw new ApiException(ErrorCode.WORKFLOW_START_FAILED, null,
                    "the test could not be started; run " + testRunId + " is marked failed, try again later");
        }
        return new Started(begun, testRunId);
    }

    /**
     * Records, in the scenario's history, a run that was due and could not start, with the reason, so a
     * schedule never fails silently. The scenario's own status is left to the run that holds it.
     */
    public String recordNotStarted(Scenario scenario, String reason) {
        String testRunId = ids.next();
        Instant at = clock.instant();
        ports.runs().create(TestRun.queued(scenario, testRunId, at));
        ports.runs().updateStatus(scenario.testId(), testRunId, RunStatus.FAILED, reason, at);
        return testRunId;
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
                scenario.showLive(), null, scenario.tags(), false, false);
        return ScenarioJson.toJson(regional).getBytes(StandardCharsets.UTF_8);
    }

    static ApiException testRunning(String testId) {
        return new ApiException(ErrorCode.TEST_RUNNING, "testId",
                "test " + testId + " has a run in progress; cancel it or wait for it to end");
    }
}
