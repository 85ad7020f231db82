package dlt.taskstatuschecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.port.contract.ContractFixtures;
import dlt.core.port.memory.FakeTaskLauncher.Stop;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import dlt.core.run.WorkerContract;
import dlt.core.run.workflow.RegionItem;
import dlt.core.run.workflow.RunCancelledException;
import dlt.core.run.workflow.RunFailedException;
import dlt.core.run.workflow.StatusCheck;
import dlt.core.run.workflow.StatusCheck.CompletionStatus;
import dlt.core.run.workflow.StatusCheck.ProvisioningStatus;
import dlt.core.run.workflow.WorkflowFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckRunTest {

    private final WorkflowFixture f = new WorkflowFixture(new LinkedHashMap<>(Map.of("us-east-1", 2)), 150);
    private final CheckRun useCase = new CheckRun(f.launcher, f.runs, f.scenarios, f.store, CheckerSettings.DEFAULT, f.clock);
    private final long launchedAt = WorkflowFixture.T0.toEpochMilli();

    private List<String> launch(String region, int count) {
        return f.launcher.launch(dlt.core.run.workflow.RunGuard.resources(f.region(region)),
                new WorkerContract("b", null, "us-east-1", "t1", "r1", region, null, "simple", "none", false, 900), count);
    }

    private ProvisioningStatus provisioning(List<String> ids) {
        return useCase.provisioning(new StatusCheck.Provisioning(f.input, f.region("us-east-1"), ids, launchedAt));
    }

    private CompletionStatus completion(List<String> ids, long startAt) {
        return useCase.completion(new StatusCheck.Completion(f.input, Map.of("us-east-1", ids), startAt));
    }

    @Test
    void preflight_latestRunAndNoOtherActive_answersOneItemPerRegion() {
        WorkflowFixture two = new WorkflowFixture(new LinkedHashMap<>(Map.of("us-east-1", 2, "eu-west-1", 1)), 60);
        CheckRun check = new CheckRun(two.launcher, two.runs, two.scenarios, two.store, CheckerSettings.DEFAULT, two.clock);

        List<RegionItem> items = check.preflight(new StatusCheck.Preflight(two.input)).regions();

        assertThat(items).extracting(i -> i.region().region()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        assertThat(items).allSatisfy(i -> assertThat(i.run()).isEqualTo(two.input));
    }

    @Test
    void preflight_anotherRunOfTheTestActive_failsNamingIt() {
        f.runs.create(TestRun.queued(ContractFixtures.scenario("t1"), "r0", WorkflowFixture.T0.minusSeconds(60))
                .withStatus(RunStatus.RUNNING, null, WorkflowFixture.T0));

        assertThatThrownBy(() -> useCase.preflight(new StatusCheck.Preflight(f.input)))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("run r0 of test t1 is still running");
    }

    @Test
    void preflight_aLaterRunStarted_failsThisOne() {
        var s = f.scenarios.find("t1").orElseThrow();
        f.scenarios.put(new dlt.core.run.StoredScenario(s.scenario(), RunStatus.QUEUED, "r2", s.startTime(), null, null,
                null, 2, null, null, s.createdAt(), s.updatedAt()));

        assertThatThrownBy(() -> useCase.preflight(new StatusCheck.Preflight(f.input)))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("another run (r2)");
    }

    @Test
    void preflight_cancelledBeforeStart_saysCancelled() {
        f.status(RunStatus.CANCELLING);
        assertThatThrownBy(() -> useCase.preflight(new StatusCheck.Preflight(f.input)))
                .isInstanceOf(RunCancelledException.class);
    }

    @Test
    void provisioning_someStillPending_countsAndWaits() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setStatus("us-east-1", ids.get(0), "RUNNING");

        ProvisioningStatus status = provisioning(ids);

        assertThat(status).isEqualTo(new ProvisioningStatus("us-east-1", 2, 1, 1, 0, false,
                launchedAt + Duration.ofMinutes(15).toMillis(), 10));
    }

    @Test
    void provisioning_allRunning_movesOn() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setAllStatuses("us-east-1", "RUNNING");

        assertThat(provisioning(ids).allRunning()).isTrue();
    }

    @Test
    void provisioning_aTaskStoppedBeforeTheBarrier_failsFast() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setStatus("us-east-1", ids.get(0), "RUNNING").setStatus("us-east-1", ids.get(1), "STOPPED");

        assertThatThrownBy(() -> provisioning(ids)).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("1 of 2 workers in us-east-1 stopped before the test started (" + ids.get(1) + ")")
                .hasMessageContaining("/dlt/ecs/us-east-1");
    }

    @Test
    void provisioning_pastTheDeadline_failsTheRun() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setStatus("us-east-1", ids.get(0), "RUNNING");
        f.clock.advance(Duration.ofMinutes(14));
        assertThat(provisioning(ids).allRunning()).isFalse();

        f.clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> provisioning(ids)).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("only 1 of 2 workers in us-east-1 were running 15 min after their launch");
    }

    @Test
    void provisioning_cancelNoticed_saysCancelled() {
        List<String> ids = launch("us-east-1", 2);
        f.status(RunStatus.CANCELLING);

        assertThatThrownBy(() -> provisioning(ids)).isInstanceOf(RunCancelledException.class);
    }

    @Test
    void completion_markersOfSomeWorkers_notDoneYet() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setAllStatuses("us-east-1", "RUNNING");
        f.completionMarker("us-east-1", ids.get(0));

        CompletionStatus status = completion(ids, launchedAt);

        assertThat(status.done()).isFalse();
        assertThat(status.completed()).isEqualTo(1);
        assertThat(status.deadline()).isEqualTo(launchedAt + (150 + 300) * 1000L);
        assertThat(status.waitSeconds()).isEqualTo(10);
    }

    @Test
    void completion_everyMarkerThere_done() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setAllStatuses("us-east-1", "RUNNING");
        ids.forEach(id -> f.completionMarker("us-east-1", id));

        CompletionStatus status = completion(ids, launchedAt);

        assertThat(status.done()).isTrue();
        assertThat(status.timedOut()).isFalse();
        assertThat(status.completed()).isEqualTo(2);
    }

    @Test
    void completion_aWorkerStoppedWithoutMarker_doneWhenTheOthersAre() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setStatus("us-east-1", ids.get(0), "STOPPED").setStatus("us-east-1", ids.get(1), "RUNNING");
        assertThat(completion(ids, launchedAt).done()).isFalse();

        f.completionMarker("us-east-1", ids.get(1));
        CompletionStatus status = completion(ids, launchedAt);

        assertThat(status.done()).isTrue();
        assertThat(status.stopped()).isEqualTo(1);
        assertThat(status.completed()).isEqualTo(1);
        assertThat(f.launcher.stops()).isEmpty();
    }

    @Test
    void completion_pastTheDeadline_stopsTheStragglersAndGoesOn() {
        List<String> ids = launch("us-east-1", 2);
        f.launcher.setAllStatuses("us-east-1", "RUNNING");
        f.completionMarker("us-east-1", ids.get(0));
        f.clock.advance(Duration.ofSeconds(150 + 300));

        CompletionStatus status = completion(ids, launchedAt);

        assertThat(status.done()).isTrue();
        assertThat(status.timedOut()).isTrue();
        assertThat(status.stragglersStopped()).containsExactly(ids.get(1));
        assertThat(f.launcher.stops()).extracting(Stop::taskId).containsExactly(ids.get(1));
        assertThat(f.launcher.stops().get(0).reason()).contains("passed its deadline");
        assertThat(f.runStatus()).isEqualTo(RunStatus.QUEUED); // the results parser writes what comes next
    }

    @Test
    void completion_cancelNoticed_saysCancelled() {
        List<String> ids = launch("us-east-1", 2);
        f.status(RunStatus.CANCELLING);

        assertThatThrownBy(() -> completion(ids, launchedAt)).isInstanceOf(RunCancelledException.class);
        assertThat(f.launcher.stops()).isEmpty();
    }

    @Test
    void handleRequest_completionJson_answersCompletionStatus() {
        List<String> ids = launch("us-east-1", 2);
        ids.forEach(id -> f.completionMarker("us-east-1", id));
        TaskStatusCheckerHandler handler = new TaskStatusCheckerHandler(useCase);
        String in = "{\"check\":\"completion\",\"run\":" + dlt.core.run.workflow.WorkflowJson.toJson(f.input)
                + ",\"launchedTasks\":{\"us-east-1\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]},\"startAt\":"
                + launchedAt + "}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"done\":true,\"expected\":2,\"completed\":2,");
    }

}
