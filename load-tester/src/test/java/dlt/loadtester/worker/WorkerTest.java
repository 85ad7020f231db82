package dlt.loadtester.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.aws.AwsClients;
import dlt.aws.S3ProxyServer;
import dlt.aws.s3.S3ObjectStore;
import dlt.core.live.LiveLine;
import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.run.StartBarrier;
import dlt.core.run.WorkerContract;
import dlt.loadtester.target.SampleTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String REGION = "us-east-1";
    private static final String TEST_ID = "t1";
    private static final String RUN_ID = "r1";

    private static S3ProxyServer s3;
    private static AwsClients clients;
    private static SampleTarget target;

    private String bucket;
    private ObjectStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        clients = new AwsClients(s3.settings());
        target = SampleTarget.start(0);
    }

    @AfterAll
    static void stop() {
        target.close();
        clients.close();
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "scenarios-" + BUCKETS.incrementAndGet();
        clients.s3().createBucket(b -> b.bucket(bucket));
        store = new S3ObjectStore(clients.s3(), clients.s3Presigner(), bucket, Clock.systemUTC());
    }

    @Test
    void run_barrierReleased_uploadsResultThenMarker() throws Exception {
        putRunConfig(target.baseUri() + "/fast", "2s", true);
        Worker worker = worker(environment("task-1", 30));

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(worker::run);
        store.put(StorageKeys.startBarrier(TEST_ID, RUN_ID), new StartBarrier(System.currentTimeMillis() + 300).toJson(),
                "application/json");

        assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isEqualTo(Worker.EXIT_OK);
        WorkerResult result = WorkerResultJson.read(new String(
                store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, REGION, "task-1")).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(result.total().requests()).isPositive();
        assertThat(result.complete()).isTrue();
        assertThat(List.of(result.testId(), result.testRunId(), result.region(), result.taskId()))
                .containsExactly(TEST_ID, RUN_ID, REGION, "task-1");
        assertThat(result.warmUp()).isNull();
        CompletionMarker marker = CompletionMarker.parse(
                store.get(StorageKeys.completion(TEST_ID, RUN_ID, REGION, "task-1")).orElseThrow());
        assertThat(marker).isEqualTo(new CompletionMarker("task-1", true, result.total().requests()));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(LiveLine.parse(line)).hasValueSatisfying(
                live -> assertThat(live.taskId()).isEqualTo("task-1")));
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).allSatisfy(line -> assertThat(line).startsWith("dlt-worker: "));
    }

    @Test
    void run_showLiveOff_printsNothingOnStdout() throws Exception {
        putRunConfig(target.baseUri() + "/fast", "1s", false);
        store.put(StorageKeys.startBarrier(TEST_ID, RUN_ID), new StartBarrier(System.currentTimeMillis()).toJson(),
                "application/json");

        Map<String, String> env = environment("task-2", 30);
        env.put(WorkerContract.LIVE_DATA_ENABLED, "live=false");

        assertThat(worker(env).run()).as(err.toString()).isEqualTo(Worker.EXIT_OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(store.get(StorageKeys.completion(TEST_ID, RUN_ID, REGION, "task-2"))).isPresent();
    }

    @Test
    void run_barrierPastAlready_startsNowAndLogsLateness() {
        putRunConfig(target.baseUri() + "/fast", "1s", false);
        store.put(StorageKeys.startBarrier(TEST_ID, RUN_ID), new StartBarrier(System.currentTimeMillis() - 5_000).toJson(),
                "application/json");

        assertThat(worker(environment("task-3", 30)).run()).isEqualTo(Worker.EXIT_OK);

        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("start time passed \\d+ ms ago; starting now");
    }

    @Test
    void run_noBarrierBeforeTimeout_failsNamingTheBarrier() {
        putRunConfig(target.baseUri() + "/fast", "1s", false);
        long started = System.nanoTime();

        int exit = worker(environment("task-4", 1)).run();

        assertThat(exit).isEqualTo(Worker.EXIT_FAILED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(lastLogLine()).isEqualTo("dlt-worker: failed: no start barrier at s3://" + bucket + "/results/t1/r1/start"
                + " after 1 s (TIMEOUT); the task runner writes it once every worker runs");
        assertThat(store.list(StorageKeys.run(TEST_ID, RUN_ID))).isEmpty();
    }

    @Test
    void run_noRunConfig_failsNamingTheKey() {
        int exit = worker(environment("task-5", 30)).run();

        assertThat(exit).isEqualTo(Worker.EXIT_FAILED);
        assertThat(lastLogLine()).isEqualTo(
                "dlt-worker: failed: there is no run config at s3://" + bucket + "/test-scenarios/t1/r1/us-east-1.json");
    }

    @Test
    void run_missingVariable_failsNamingIt() {
        Map<String, String> env = environment("task-6", 30);
        env.remove(WorkerContract.TEST_RUN_ID);

        assertThat(worker(env).run()).isEqualTo(Worker.EXIT_FAILED);

        assertThat(lastLogLine()).isEqualTo("dlt-worker: failed: the worker needs the environment variable TEST_RUN_ID");
    }

    @Test
    void run_noTaskIdAndNoMetadataEndpoint_failsNamingBoth() {
        Map<String, String> env = environment("task-7", 30);
        env.remove(WorkerContract.TASK_ID);

        assertThat(worker(env).run()).isEqualTo(Worker.EXIT_FAILED);

        assertThat(lastLogLine()).contains("DLT_TASK_ID", "ECS_CONTAINER_METADATA_URI_V4");
    }

    @Test
    void run_targetDown_failsBeforeTheBarrierWithTheReason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        putRunConfig("http://127.0.0.1:" + closedPort + "/fast", "1s", false);

        assertThat(worker(environment("task-8", 30)).run()).isEqualTo(Worker.EXIT_FAILED);

        assertThat(lastLogLine()).startsWith("dlt-worker: failed: the target 127.0.0.1:" + closedPort
                + " does not answer a TCP connect: ").contains("refused");
    }

    @Test
    void run_s3Unreachable_failsNamingTheEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = environment("task-9", 30);
        env.put(WorkerContract.S3_ENDPOINT, "http://127.0.0.1:" + closedPort);

        assertThat(worker(env).run()).isEqualTo(Worker.EXIT_FAILED);

        assertThat(lastLogLine()).startsWith("dlt-worker: failed: cannot read the run config s3://" + bucket
                + "/test-scenarios/t1/r1/us-east-1.json (S3 endpoint http://127.0.0.1:" + closedPort + "): ");
    }

    @Test
    void terminate_midRun_uploadsIncompleteResultAndMarker() throws Exception {
        putRunConfig(target.baseUri() + "/fast", "60s", true);
        store.put(StorageKeys.startBarrier(TEST_ID, RUN_ID), new StartBarrier(System.currentTimeMillis()).toJson(),
                "application/json");
        Worker worker = worker(environment("task-10", 30));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(worker::run);
        await(() -> !out.toString(StandardCharsets.UTF_8).isEmpty(), Duration.ofSeconds(20));

        worker.terminate();

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
        WorkerResult result = WorkerResultJson.read(new String(
                store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, REGION, "task-10")).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(result.complete()).isFalse();
        assertThat(result.total().requests()).isPositive();
        assertThat(CompletionMarker.parse(store.get(StorageKeys.completion(TEST_ID, RUN_ID, REGION, "task-10")).orElseThrow()))
                .isEqualTo(new CompletionMarker("task-10", false, result.total().requests()));
    }

    @Test
    void terminate_whileWaitingForTheBarrier_writesAnIncompleteMarkerOnly() throws Exception {
        putRunConfig(target.baseUri() + "/fast", "1s", false);
        Worker worker = worker(environment("task-11", 60));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(worker::run);
        await(() -> err.toString(StandardCharsets.UTF_8).contains("waiting for the start barrier"), Duration.ofSeconds(20));

        worker.terminate();

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_OK);
        assertThat(store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, REGION, "task-11"))).isEmpty();
        assertThat(CompletionMarker.parse(store.get(StorageKeys.completion(TEST_ID, RUN_ID, REGION, "task-11")).orElseThrow()))
                .isEqualTo(new CompletionMarker("task-11", false, 0));
    }

    @Test
    void sigterm_childProcessMidRun_uploadsIncompleteResultAndMarker() throws Exception {
        putRunConfig(target.baseUri() + "/fast", "60s", true);
        store.put(StorageKeys.startBarrier(TEST_ID, RUN_ID), new StartBarrier(System.currentTimeMillis()).toJson(),
                "application/json");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), WorkerMain.class.getName());
        builder.environment().clear();
        builder.environment().putAll(environment("task-12", 30));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process worker = builder.start();
        try {
            String first = new String(worker.getInputStream().readNBytes(1), StandardCharsets.UTF_8);
            assertThat(first).as("a live line on stdout").isEqualTo("{");

            worker.destroy();

            assertThat(worker.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).as("the JVM's status after SIGTERM").isEqualTo(143);
            WorkerResult result = WorkerResultJson.read(new String(
                    store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, REGION, "task-12")).orElseThrow(),
                    StandardCharsets.UTF_8));
            assertThat(result.complete()).isFalse();
            assertThat(result.total().requests()).isPositive();
            assertThat(CompletionMarker.parse(store.get(StorageKeys.completion(TEST_ID, RUN_ID, REGION, "task-12"))
                    .orElseThrow())).isEqualTo(new CompletionMarker("task-12", false, result.total().requests()));
        } finally {
            worker.destroyForcibly();
        }
    }

    private Worker worker(Map<String, String> env) {
        Clock clock = Clock.systemUTC();
        return new Worker(env, clock, e -> S3WorkerStore.open(e, clock),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> environment(String taskId, int barrierTimeoutSeconds) {
        Map<String, String> env = new HashMap<>(new WorkerContract(bucket, s3.endpoint().toString(), REGION, TEST_ID, RUN_ID,
                REGION, taskId, "simple", "none", true, barrierTimeoutSeconds).toEnvironment());
        env.put(WorkerEnvironment.ACCESS_KEY_ID, S3ProxyServer.CREDENTIALS.accessKeyId());
        env.put(WorkerEnvironment.SECRET_ACCESS_KEY, S3ProxyServer.CREDENTIALS.secretAccessKey());
        return env;
    }

    private void putRunConfig(String url, String holdFor, boolean showLive) {
        String scenario = """
                {"testId": "%s", "testName": "Worker test", "testDescription": "a test", "testType": "simple",
                 "showLive": %s,
                 "testTaskConfigs": [{"region": "%s", "taskCount": 1, "concurrency": 2}],
                 "testScenario": {
                   "execution": [{"hold-for": "%s", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [{"url": "%s"}]}}}}
                """.formatted(TEST_ID, showLive, REGION, holdFor, url);
        store.put(StorageKeys.runConfig(TEST_ID, RUN_ID, REGION), scenario.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    private String lastLogLine() {
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", within).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
