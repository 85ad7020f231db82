package dlt.taskrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.port.StorageKeys;
import dlt.core.port.memory.FakeTaskLauncher.Launch;
import dlt.core.run.RunStatus;
import dlt.core.run.StartBarrier;
import dlt.core.run.WorkerContract;
import dlt.core.run.workflow.RunCancelledException;
import dlt.core.run.workflow.RunFailedException;
import dlt.core.run.workflow.RunnerAction;
import dlt.core.run.workflow.RunnerAction.Launched;
import dlt.core.run.workflow.RunnerAction.Released;
import dlt.core.run.workflow.WorkflowFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunWorkersTest {

    private final WorkflowFixture f = new WorkflowFixture(Map.of("us-east-1", 3), 150);
    private final RunnerSettings settings = new RunnerSettings("dlt-bucket", null, "us-east-1", Duration.ofSeconds(10), 1200);
    private final RunWorkers useCase = new RunWorkers(f.launcher, f.runs, f.scenarios, f.store, settings, f.clock);

    private Launched launch() {
        return useCase.launch(new RunnerAction.Launch(f.input, f.region("us-east-1")));
    }

    @Test
    void launch_queuedRun_startsTaskCountWorkersWithTheContractAndSetsProvisioning() {
        Launched launched = launch();

        assertThat(launched.region()).isEqualTo("us-east-1");
        assertThat(launched.requested()).isEqualTo(3);
        assertThat(launched.taskIds()).hasSize(3);
        assertThat(launched.launchedAt()).isEqualTo(WorkflowFixture.T0.toEpochMilli());
        Launch call = f.launcher.launches().get(0);
        assertThat(call.count()).isEqualTo(3);
        assertThat(call.worker()).isEqualTo(new WorkerContract("dlt-bucket", null, "us-east-1", "t1", "r1", "us-east-1",
                null, "simple", "none", false, 1200));
        assertThat(f.runStatus()).isEqualTo(RunStatus.PROVISIONING);
        assertThat(f.scenarioStatus()).isEqualTo(RunStatus.PROVISIONING);
    }

    @Test
    void launch_platformRefusesSome_failsTheRunWithThePlatformsReason() {
        f.launcher.limitLaunches("us-east-1", 2, "only 2 of 3 workers started in us-east-1: Capacity is unavailable");

        assertThatThrownBy(this::launch).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("Capacity is unavailable");
    }

    @Test
    void launch_platformStartsFewerWithoutReason_failsTheRunCountingThem() {
        f.launcher.limitLaunches("us-east-1", 1, null);

        assertThatThrownBy(this::launch).isInstanceOf(RunFailedException.class)
                .hasMessage("only 1 of 3 workers started in us-east-1; the platform refused the others");
    }

    @Test
    void launch_repeatedAfterARetry_startsOnlyTheMissingWorkers() {
        Launched first = launch();
        f.launcher.setStatus("us-east-1", first.taskIds().get(0), "STOPPED");

        Launched again = launch();

        assertThat(f.launcher.launches()).extracting(Launch::count).containsExactly(3, 1);
        assertThat(again.taskIds()).hasSize(3).contains(first.taskIds().get(1), first.taskIds().get(2));
    }

    @Test
    void launch_runBeingCancelled_throwsCancelledAndLaunchesNothing() {
        f.status(RunStatus.CANCELLING);

        assertThatThrownBy(this::launch).isInstanceOf(RunCancelledException.class);
        assertThat(f.launcher.launches()).isEmpty();
        assertThat(f.runStatus()).isEqualTo(RunStatus.CANCELLING);
    }

    @Test
    void launch_runAlreadyEnded_failsAndNeverOverwritesTheTerminalStatus() {
        f.status(RunStatus.FAILED);

        assertThatThrownBy(this::launch).isInstanceOf(RunFailedException.class).hasMessageContaining("already ended as failed");
        assertThat(f.runStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(f.scenarioStatus()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void launch_regionRemoved_failsSayingWhatToDo() {
        WorkflowFixture removed = new WorkflowFixture(Map.of("us-east-1", 1), 60);
        var region = removed.region("us-east-1");
        var noCluster = new dlt.core.run.StateMachineInput.RegionRun(region.region(), 1, 1, "", region.taskDefinition(),
                region.subnets(), region.securityGroup(), region.logGroup());
        RunWorkers other = new RunWorkers(removed.launcher, removed.runs, removed.scenarios, removed.store, settings,
                removed.clock);

        assertThatThrownBy(() -> other.launch(new RunnerAction.Launch(removed.input, noCluster)))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("deploy the regional stack");
    }

    @Test
    void release_everyRegionRunning_writesTheBarrierAtNowPlusLeadAndSetsRunning() {
        Launched launched = launch();
        f.clock.advance(Duration.ofSeconds(42));

        Released released = useCase.release(new RunnerAction.Release(f.input, List.of(launched)));

        long expected = WorkflowFixture.T0.plusSeconds(52).toEpochMilli();
        assertThat(released.startAt()).isEqualTo(expected);
        assertThat(released.launchedTasks()).isEqualTo(Map.of("us-east-1", launched.taskIds()));
        byte[] barrier = f.store.get(StorageKeys.startBarrier("t1", "r1")).orElseThrow();
        assertThat(StartBarrier.parse(barrier).startAt()).isEqualTo(expected);
        assertThat(f.runStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(f.scenarioStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void release_repeated_keepsTheBarrierWorkersMayHaveRead() {
        Launched launched = launch();
        long first = useCase.release(new RunnerAction.Release(f.input, List.of(launched))).startAt();
        f.clock.advance(Duration.ofSeconds(30));

        long second = useCase.release(new RunnerAction.Release(f.input, List.of(launched))).startAt();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void release_cancelledMeanwhile_writesNoBarrier() {
        Launched launched = launch();
        f.status(RunStatus.CANCELLING);

        assertThatThrownBy(() -> useCase.release(new RunnerAction.Release(f.input, List.of(launched))))
                .isInstanceOf(RunCancelledException.class);
        assertThat(f.store.get(StorageKeys.startBarrier("t1", "r1"))).isEmpty();
    }

    @Test
    void handleRequest_launchThenReleaseJson_answersTheStatesPayloads() throws Exception {
        TaskRunnerHandler handler = new TaskRunnerHandler(useCase);
        String run = dlt.core.run.workflow.WorkflowJson.toJson(f.input);

        String launched = invoke(handler, "{\"action\":\"launch\",\"run\":" + run + ",\"region\":"
                + dlt.core.run.workflow.WorkflowJson.toJson(f.region("us-east-1")) + ",\"extra\":1}");
        String released = invoke(handler, "{\"action\":\"release\",\"run\":" + run + ",\"launched\":[" + launched + "]}");

        assertThat(launched).startsWith("{\"region\":\"us-east-1\",\"requested\":3,\"taskIds\":[");
        assertThat(released).startsWith("{\"startAt\":" + WorkflowFixture.T0.plusSeconds(10).toEpochMilli()
                + ",\"launchedTasks\":{\"us-east-1\":[");
    }

    @Test
    void handleRequest_unknownAction_failsAsInvalidInput() {
        TaskRunnerHandler handler = new TaskRunnerHandler(useCase);
        assertThatThrownBy(() -> invoke(handler, "{\"action\":\"dance\"}"))
                .isInstanceOf(dlt.core.run.workflow.InvalidWorkflowInputException.class);
    }

    static String invoke(TaskRunnerHandler handler, String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
