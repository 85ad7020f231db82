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
import dlt.core.scenario.TestType;
import dlt.loadtester.script.CountingTarget;
import dlt.loadtester.script.Zips;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker task running an uploaded JMeter zip, as an ECS task does: run config and script from S3, result to S3. */
class WorkerScriptTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String REGION = "us-east-1";
    private static final String TEST_ID = "t1";
    private static final String RUN_ID = "r1";

    private static S3ProxyServer s3;
    private static AwsClients clients;

    @TempDir
    Path dir;
    private String bucket;
    private ObjectStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        clients = new AwsClients(s3.settings());
    }

    @AfterAll
    static void stop() {
        clients.close();
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "scripts-" + BUCKETS.incrementAndGet();
        clients.s3().createBucket(b -> b.bucket(bucket));
        store = new S3ObjectStore(clients.s3(), clients.s3Presigner(), bucket, Clock.systemUTC());
    }

    @Test
    void run_jmeterZipWithPlugin_resultAndLiveLinesFromTheRecorder() throws Exception {
        try (CountingTarget target = CountingTarget.start(0)) {
            store.put(StorageKeys.script(TestType.JMETER, TEST_ID, "zip"), Zips.jmeterPluginBundle(dir, target.port()), "application/zip");
            putRunConfig();
            store.put(StorageKeys.startBarrier(TEST_ID, RUN_ID), new StartBarrier(System.currentTimeMillis()).toJson(), "application/json");

            assertThat(worker().run()).as(err.toString()).isEqualTo(Worker.EXIT_OK);

            WorkerResult result = WorkerResultJson.read(new String(
                    store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, REGION, "task-1")).orElseThrow(), StandardCharsets.UTF_8));
            assertThat(result.labels().keySet()).containsExactlyInAnyOrder("login", "greeting");
            assertThat(result.labels().get("login").requests()).isPositive().isEqualTo(target.requests("/login"));
            assertThat(result.labels().get("greeting").failures()).isZero();
            assertThat(result.complete()).isTrue();
            assertThat(result.maxUsers()).isEqualTo(2);
            List<LiveLine> live = out.toString(StandardCharsets.UTF_8).lines().map(l -> LiveLine.parse(l).orElseThrow()).toList();
            assertThat(live).isNotEmpty();
            assertThat(live.stream().mapToLong(l -> l.ok() + l.fail()).sum()).isEqualTo(result.total().requests());
        }
    }

    @Test
    void run_zipClimbingOutOfItsFolder_refusedBeforeAnythingRuns() throws Exception {
        store.put(StorageKeys.script(TestType.JMETER, TEST_ID, "zip"),
                Zips.of(Map.of("plan.jmx", new byte[0], "../../evil.jmx", new byte[1])), "application/zip");
        putRunConfig();

        assertThat(worker().run()).isEqualTo(Worker.EXIT_FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is refused").contains("climbs out of the bundle");
        assertThat(store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, REGION, "task-1"))).isEmpty();
    }

    private Worker worker() {
        Map<String, String> env = new HashMap<>(new WorkerContract(bucket, s3.endpoint().toString(), REGION, TEST_ID, RUN_ID,
                REGION, "task-1", "jmeter", "zip", true, 30).toEnvironment());
        env.put(WorkerEnvironment.ACCESS_KEY_ID, S3ProxyServer.CREDENTIALS.accessKeyId());
        env.put(WorkerEnvironment.SECRET_ACCESS_KEY, S3ProxyServer.CREDENTIALS.secretAccessKey());
        return new Worker(env, Clock.systemUTC(), e -> store, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void putRunConfig() {
        String scenario = """
                {"testId": "%s", "testName": "Worker script test", "testDescription": "a test", "testType": "jmeter",
                 "fileType": "zip", "showLive": true,
                 "testTaskConfigs": [{"region": "%s", "taskCount": 1, "concurrency": 2}],
                 "testScenario": {
                   "execution": [{"hold-for": "2s", "scenario": "plan"}],
                   "scenarios": {"plan": {"script": "%s.zip"}}}}
                """.formatted(TEST_ID, REGION, TEST_ID);
        store.put(StorageKeys.runConfig(TEST_ID, RUN_ID, REGION), scenario.getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
