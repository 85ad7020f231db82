package dlt.core.run.workflow;

import dlt.core.port.contract.ContractFixtures;
import dlt.core.port.memory.FakeTaskLauncher;
import dlt.core.port.memory.InMemoryObjectStore;
import dlt.core.port.memory.InMemoryScenarioRepository;
import dlt.core.port.memory.InMemoryTestRunRepository;
import dlt.core.port.memory.TestClock;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queued run of test {@value #TEST_ID} in fakes, as the API leaves it before the state machine starts:
 * the scenario's lastRunId is the run, the run is queued, its regions have resources.
 */
public final class WorkflowFixture {
    public static final String TEST_ID = "t1";
    public static final String RUN_ID = "r1";
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    public final FakeTaskLauncher launcher = new FakeTaskLauncher();
    public final InMemoryTestRunRepository runs = new InMemoryTestRunRepository();
    public final InMemoryScenarioRepository scenarios = new InMemoryScenarioRepository();
    public final InMemoryObjectStore store = new InMemoryObjectStore();
    public final TestClock clock = new TestClock(T0);
    public final StateMachineInput input;

    /** @param taskCounts region -> taskCount, in order; the run lasts {@code testDurationSeconds} */
    public WorkflowFixture(Map<String, Integer> taskCounts, long testDurationSeconds) {
        List<RegionRun> regions = new ArrayList<>();
        new LinkedHashMap<>(taskCounts).forEach((region, count) -> {
            RegionResources resources = ContractFixtures.region(region);
            scenarios.putRegion(resources);
            regions.add(RegionRun.of(resources, count, 10));
        });
        input = new StateMachineInput(TEST_ID, RUN_ID, "simple", "none", false, testDurationSeconds, regions);
        scenarios.put(ContractFixtures.stored(TEST_ID));
        scenarios.beginRun(TEST_ID, RUN_ID, T0);
        runs.create(TestRun.queued(ContractFixtures.scenario(TEST_ID), RUN_ID, T0));
    }

    public WorkflowFixture() {
        this(Map.of("us-east-1", 2), 150);
    }

    public RegionRun region(String name) {
        return input.regions().stream().filter(r -> r.region().equals(name)).findFirst().orElseThrow();
    }

    public RunStatus runStatus() {
        return runs.find(TEST_ID, RUN_ID).orElseThrow().status();
    }

    public RunStatus scenarioStatus() {
        return scenarios.find(TEST_ID).map(StoredScenario::status).orElseThrow();
    }

    /** Sets the run's (and the scenario's) status as another writer would. */
    public WorkflowFixture status(RunStatus status) {
        runs.updateStatus(TEST_ID, RUN_ID, status, null, clock.instant());
        scenarios.updateRunStatus(TEST_ID, RUN_ID, status, null, clock.instant());
        return this;
    }

    /** A worker's completion marker, as the worker writes it. */
    public void completionMarker(String region, String taskId) {
        store.put(dlt.core.port.StorageKeys.completion(TEST_ID, RUN_ID, region, taskId), new byte[0], "text/plain");
    }
}
