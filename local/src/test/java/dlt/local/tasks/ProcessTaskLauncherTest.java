package dlt.local.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.aws.AwsClients;
import dlt.aws.S3ProxyServer;
import dlt.aws.s3.S3ObjectStore;
import dlt.core.live.LiveLine;
import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.port.TaskLauncher.LaunchException;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.run.RegionResources;
import dlt.core.run.StartBarrier;
import dlt.core.run.WorkerContract;
import dlt.loadtester.target.SampleTarget;
import dlt.loadtester.worker.CompletionMarker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessTaskLauncherTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final RegionResources REGION = new RegionResources("us-east-1", "local", "load-tester", null,
            List.of(), null, null);
    private static final String BUCKET = "scenarios";
    private static final String TEST_ID = "launcher";

    private static S3ProxyServer s3;
    private static AwsClients clients;
    private static ObjectStore store;
    private static SampleTarget target;

    private final Queue<WorkerLine> lines = new ConcurrentLinkedQueue<>();
    private ProcessTaskLauncher launcher;
    private String runId;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        clients = new AwsClients(s3.settings());
        clients.s3().createBucket(b -> b.bucket(BUCKET));
        store = new S3ObjectStore(clients.s3(), clients.s3Presigner(), BUCKET, Clock.systemUTC());
        target = SampleTarget.start(0);
    }

    @AfterAll
    static void stop() {
        target.close();
        clients.close();
        s3.close();
    }

    @BeforeEach
    void setUp() {
        runId = "run-" + RUNS.incrementAndGet();
        launcher = launcher(ProcessTaskLauncher.Settings.DEFAULT_TASKS_PER_REGION);
    }

    @AfterEach
    void tearDown() {
        launcher.close();
    }

    @Test
    void launch_twoWorkers_bothRunTheTestAndUploadResults() throws Exception {
        putRunConfig("2s");

        List<String> ids = launcher.launch(REGION, contract(), 2);

        assertThat(ids).hasSize(2).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("local-us-east-1-"));
        assertThat(launcher.capacity(REGION).vCpusInUse()).isEqualTo(2.0);
        assertThat(launcher.capacity(REGION).availableTasks()).isEqualTo(6);
        assertThat(launcher.tasks(REGION, TEST_ID, runId)).extracting(WorkerTask::taskId).containsExactlyElementsOf(ids);
        releaseBarrier();
        await(() -> launcher.activeTasks(REGION).isEmpty(), Duration.ofSeconds(60));
        for (String id : ids) {
            assertThat(launcher.details(id).orElseThrow().exitCode()).as(launcher.details(id).toString()).isZero();
            WorkerResult result = WorkerResultJson.read(new String(
                    store.get(StorageKeys.workerResult(TEST_ID, runId, "us-east-1", id)).orElseThrow(), StandardCharsets.UTF_8));
            assertThat(result.total().requests()).isPositive();
            assertThat(result.complete()).isTrue();
            assertThat(CompletionMarker.parse(store.get(StorageKeys.completion(TEST_ID, runId, "us-east-1", id)).orElseThrow())
                    .complete()).isTrue();
        }
        assertThat(launcher.tasks(REGION, TEST_ID, runId)).extracting(WorkerTask::status).containsOnly("STOPPED");
        assertThat(lines).extracting(WorkerLine::taskId).contains(ids.get(0), ids.get(1));
        assertThat(lines).allSatisfy(line -> assertThat(LiveLine.parse(line.line())).isPresent());
        assertThat(launcher.capacity(REGION).availableTasks()).isEqualTo(8);
    }

    @Test
    void stop_runningWorker_endsWithin10SecondsAfterUploadingWhatItMeasured() throws Exception {
        putRunConfig("5m");
        String id = launcher.launch(REGION, contract(), 1).getFirst();
        releaseBarrier();
        await(() -> lines.stream().anyMatch(l -> l.taskId().equals(id)), Duration.ofSeconds(30));
        Instant stopped = Instant.now();

        launcher.stop(REGION, id, "cancelled by the test");
        launcher.stop(REGION, id, "stopped twice");

        await(() -> launcher.activeTasks(REGION).isEmpty(), Duration.ofSeconds(10));
        assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(10));
        ProcessTaskLauncher.TaskDetails details = launcher.details(id).orElseThrow();
        assertThat(details.status()).isEqualTo("STOPPED");
        assertThat(details.stopReason()).isEqualTo("cancelled by the test");
        CompletionMarker marker = CompletionMarker.parse(
                store.get(StorageKeys.completion(TEST_ID, runId, "us-east-1", id)).orElseThrow());
        assertThat(marker.complete()).isFalse();
        assertThat(marker.requests()).isPositive();
        launcher.stop(REGION, id, "already stopped");
        launcher.stop(REGION, "local-us-east-1-unknown", "never existed");
    }

    @Test
    void launch_beyondCapacity_startsWhatFitsAndSaysWhy() {
        launcher.close();
        launcher = launcher(1);
        putRunConfig("1s");

        assertThatThrownBy(() -> launcher.launch(REGION, contract(), 2))
                .isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e.startedTaskIds()).hasSize(1);
                    assertThat(e).hasMessage("region us-east-1 has room for 1 more local workers (tasks per region: 1);"
                            + " 2 were asked for");
                });
        assertThat(launcher.capacity(REGION).availableTasks()).isZero();
        assertThat(launcher.activeTasks(REGION)).hasSize(1);
    }

    @Test
    void launch_noRunConfig_workerFailsAndItsReasonIsKept() throws Exception {
        String id = launcher.launch(REGION, contract(), 1).getFirst();

        await(() -> launcher.activeTasks(REGION).isEmpty(), Duration.ofSeconds(30));

        ProcessTaskLauncher.TaskDetails details = launcher.details(id).orElseThrow();
        assertThat(details.exitCode()).isEqualTo(1);
        await(() -> !launcher.details(id).orElseThrow().lastErrorLines().isEmpty(), Duration.ofSeconds(5));
        assertThat(launcher.details(id).orElseThrow().lastErrorLines()).last().asString()
                .contains("failed: there is no run config at s3://scenarios/test-scenarios/launcher/" + runId + "/us-east-1.json");
    }

    @Test
    void close_workersWaitingForTheBarrier_leavesNoProcess() throws Exception {
        putRunConfig("1s");
        launcher.launch(REGION, contract(), 2);
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);

        launcher.close();

        await(() -> children.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(10));
        assertThat(launcher.tasks(REGION, TEST_ID, runId)).extracting(WorkerTask::status).containsOnly("STOPPED");
        assertThatThrownBy(() -> launcher.launch(REGION, contract(), 1)).isInstanceOf(LaunchException.class);
    }

    private ProcessTaskLauncher launcher(int tasksPerRegion) {
        return new ProcessTaskLauncher(ProcessTaskLauncher.Settings.of(System.getProperty("java.class.path"), s3.endpoint(),
                S3ProxyServer.CREDENTIALS).withTasksPerRegion(tasksPerRegion), lines::add, Clock.systemUTC());
    }

    private WorkerContract contract() {
        return new WorkerContract(BUCKET, null, "us-east-1", TEST_ID, runId, "us-east-1", null, "simple", "none", true, 60);
    }

    private void putRunConfig(String holdFor) {
        String scenario = """
                {"testName": "Launcher test", "testDescription": "a test", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 2}],
                 "testScenario": {
                   "execution": [{"hold-for": "%s", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [{"url": "%s/fast"}]}}}}
                """.formatted(holdFor, target.baseUri());
        store.put(StorageKeys.runConfig(TEST_ID, runId, "us-east-1"), scenario.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    private void releaseBarrier() {
        store.put(StorageKeys.startBarrier(TEST_ID, runId), new StartBarrier(System.currentTimeMillis() + 500).toJson(),
                "application/json");
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", within).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
