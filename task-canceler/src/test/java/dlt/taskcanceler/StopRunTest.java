package dlt.taskcanceler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.port.TaskLauncher;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.port.memory.FakeTaskLauncher.Stop;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.WorkerContract;
import dlt.core.run.workflow.CancelRun;
import dlt.core.run.workflow.InvalidWorkflowInputException;
import dlt.core.run.workflow.RunCancelledException;
import dlt.core.run.workflow.RunFailedException;
import dlt.core.run.workflow.RunGuard;
import dlt.core.run.workflow.WorkflowError;
import dlt.core.run.workflow.WorkflowFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopRunTest {

    private final WorkflowFixture f = new WorkflowFixture(new LinkedHashMap<>(Map.of("us-east-1", 2, "eu-west-1", 1)), 60);
    private final List<Duration> sleeps = new ArrayList<>();
    private final StopRun useCase = new StopRun(f.launcher, f.scenarios, f.runs, new StopRun.Patience(3, Duration.ofSeconds(5)),
            sleeps::add);

    private List<String> launch(String region, int count) {
        f.launcher.launchAs("RUNNING");
        return f.launcher.launch(RunGuard.resources(f.region(region)),
                new WorkerContract("b", null, "us-east-1", "t1", "r1", region, null, "simple", "none", false, 900), count);
    }

    private CancelRun fromMachine(WorkflowError error) {
        return new CancelRun("t1", "r1", f.input.regions(), error);
    }

    @Test
    void cancel_workersInEveryRegion_stopsThemAllAndSaysCancelled() {
        List<String> us = launch("us-east-1", 2);
        List<String> eu = launch("eu-west-1", 1);
        f.launcher.addTask("us-east-1", new WorkerTask("other-run", "t1", "r0", "RUNNING"));

        CancelRun.Result result = useCase.cancel(fromMachine(new WorkflowError(RunCancelledException.ERROR_NAME,
                "{\"errorMessage\":\"run r1 was cancelled\"}")));

        assertThat(f.launcher.stops()).extracting(Stop::taskId).containsExactlyInAnyOrder(us.get(0), us.get(1), eu.get(0));
        assertThat(result).isEqualTo(new CancelRun.Result("t1", "r1", 3, 0, "cancelled", "cancelled by the user"));
        assertThat(f.launcher.stops().get(0).reason()).isEqualTo("dlt: run r1 cancelled");
        assertThat(sleeps).hasSize(1); // one more listing confirms none is left
    }

    @Test
    void cancel_afterAnError_stopsAndSaysFailedWithTheHandlersMessage() {
        launch("us-east-1", 2);
        WorkflowError error = new WorkflowError(RunFailedException.ERROR_NAME, "{\"errorMessage\":\"1 of 2 workers in "
                + "us-east-1 stopped before the test started\",\"errorType\":\"dlt.core.run.workflow.RunFailedException\","
                + "\"stackTrace\":[]}");

        CancelRun.Result result = useCase.cancel(fromMachine(error));

        assertThat(result.outcome()).isEqualTo("failed");
        assertThat(result.errorReason()).isEqualTo("1 of 2 workers in us-east-1 stopped before the test started");
        assertThat(f.launcher.stops().get(0).reason()).startsWith("dlt: run r1 failed: 1 of 2 workers");
    }

    @Test
    void cancel_serviceErrorWithPlainCause_keepsTheCauseAsReason() {
        CancelRun.Result result = useCase.cancel(fromMachine(new WorkflowError("States.Timeout", null)));

        assertThat(result.outcome()).isEqualTo("failed");
        assertThat(result.errorReason()).isEqualTo("States.Timeout");
    }

    @Test
    void cancel_errorWhileTheUserCancels_isCancelled() {
        f.status(RunStatus.CANCELLING);

        CancelRun.Result result = useCase.cancel(fromMachine(new WorkflowError("States.TaskFailed", "boom")));

        assertThat(result.outcome()).isEqualTo("cancelled");
    }

    @Test
    void cancel_fromTheApiWithIdsOnly_searchesEveryDeployedRegion() {
        List<String> eu = launch("eu-west-1", 1);

        CancelRun.Result result = useCase.cancel(new CancelRun("t1", "r1", null, null));

        assertThat(f.launcher.stops()).extracting(Stop::taskId).containsExactly(eu.get(0));
        assertThat(result.outcome()).isEqualTo("cancelled");
    }

    @Test
    void cancel_repeated_isIdempotent() {
        launch("us-east-1", 2);
        useCase.cancel(fromMachine(null));

        CancelRun.Result again = useCase.cancel(fromMachine(null));

        assertThat(again.stopRequests()).isZero();
        assertThat(again.remaining()).isZero();
        assertThat(f.launcher.stops()).hasSize(2);
    }

    @Test
    void cancel_tasksSlowToStop_relistsUntilNoneIsLeft() {
        TaskLauncher slow = new SlowStopping(launch("us-east-1", 2), 2);
        StopRun stopRun = new StopRun(slow, f.scenarios, f.runs, new StopRun.Patience(5, Duration.ofSeconds(5)), sleeps::add);

        CancelRun.Result result = stopRun.cancel(fromMachine(null));

        assertThat(result.remaining()).isZero();
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void cancel_tasksThatNeverStop_givesUpAfterItsPassesAndSaysHowManyAreLeft() {
        TaskLauncher stuck = new SlowStopping(launch("us-east-1", 2), Integer.MAX_VALUE);
        StopRun stopRun = new StopRun(stuck, f.scenarios, f.runs, new StopRun.Patience(3, Duration.ofSeconds(5)), sleeps::add);

        CancelRun.Result result = stopRun.cancel(fromMachine(null));

        assertThat(result.remaining()).isEqualTo(2);
        assertThat(result.stopRequests()).isEqualTo(6);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void cancel_missingIds_isInvalidInput() {
        assertThatThrownBy(() -> useCase.cancel(new CancelRun(null, "r1", null, null)))
                .isInstanceOf(InvalidWorkflowInputException.class);
    }

    @Test
    void handleRequest_apiPayload_answersTheResult() {
        launch("us-east-1", 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new TaskCancelerHandler(useCase).handleRequest(new ByteArrayInputStream(
                "{\"testId\":\"t1\",\"testRunId\":\"r1\"}".getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"testId\":\"t1\",\"testRunId\":\"r1\","
                + "\"stopRequests\":1,\"remaining\":0,\"outcome\":\"cancelled\",\"errorReason\":\"cancelled by the user\"}");
    }

    @Test
    void handleRequest_machinePayloadWithCatchError_readsErrorAndCause() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String in = "{\"testId\":\"t1\",\"testRunId\":\"r1\",\"regions\":" + dlt.core.run.workflow.WorkflowJson.toJson(
                f.input.regions()) + ",\"error\":{\"Error\":\"dlt.core.run.workflow.RunFailedException\","
                + "\"Cause\":\"{\\\"errorMessage\\\":\\\"image missing\\\"}\"}}";

        new TaskCancelerHandler(useCase).handleRequest(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"failed\",\"errorReason\":\"image missing\"");
    }

    /** Tasks that keep running after StopTask for a number of listings (ECS takes a while), or forever. */
    private static final class SlowStopping implements TaskLauncher {
        private final List<String> ids;
        private final int listingsBeforeStopped;
        private int listings;

        SlowStopping(List<String> ids, int listingsBeforeStopped) {
            this.ids = ids;
            this.listingsBeforeStopped = listingsBeforeStopped;
        }

        @Override
        public List<WorkerTask> tasks(RegionResources region, String testId, String testRunId) {
            if (!region.region().equals("us-east-1")) {
                return List.of();
            }
            String status = listings++ < listingsBeforeStopped ? "RUNNING" : "STOPPED";
            return ids.stream().map(id -> new WorkerTask(id, testId, testRunId, status)).toList();
        }

        @Override
        public void stop(RegionResources region, String taskId, String reason) {
        }

        @Override
        public List<String> launch(RegionResources region, WorkerContract worker, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WorkerTask> activeTasks(RegionResources region) {
            return List.of();
        }

        @Override
        public Capacity capacity(RegionResources region) {
            return new Capacity(region.region(), null, null, null);
        }
    }
}
