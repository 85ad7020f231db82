package dlt.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.api.ApiHandler;
import dlt.api.ApiSettings;
import dlt.api.ScenarioApi;
import dlt.api.usecase.IdSource;
import dlt.api.usecase.Ports;
import dlt.aws.AwsService;
import dlt.aws.DynamoDbLocalServer;
import dlt.aws.LocalAws;
import dlt.core.port.StorageKeys;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import dlt.core.run.workflow.PollSchedule;
import dlt.local.asl.Execution;
import dlt.local.asl.ExecutionResult;
import dlt.local.asl.ExecutionStatus;
import dlt.local.tasks.ProcessTaskLauncher;
import dlt.loadtester.target.SampleTarget;
import dlt.taskcanceler.StopRun;
import dlt.taskrunner.RunnerSettings;
import dlt.taskstatuschecker.CheckerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real distributed load test through the local platform: the API handler creates the run, the
 * interpreter executes the project's state machine definition with the real handlers, the workers are
 * child JVMs, and results land in s3proxy and DynamoDB Local.
 */
class DistributedRunE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(120);

    private static LocalAws aws;
    private static SampleTarget target;

    private LocalAws.Resources resources;
    private ProcessTaskLauncher launcher;
    private LocalOrchestration orchestration;
    private ApiHandler api;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void startStandIns() {
        aws = LocalAws.start();
        target = SampleTarget.start(0);
    }

    @AfterAll
    static void stopStandIns() {
        target.close();
        aws.close();
    }

    @BeforeEach
    void setUp() {
        resources = aws.fresh();
        resources.scenarios().putRegion(new RegionResources(REGION, "local", "local-worker", "local", List.of(), "", ""));
        String classpath = System.getProperty("java.class.path");
        String s3 = resources.settings().endpointFor(AwsService.S3).orElseThrow().toString();
        launcher = new ProcessTaskLauncher(
                ProcessTaskLauncher.Settings.of(classpath, java.net.URI.create(s3), DynamoDbLocalServer.CREDENTIALS)
                        .withTasksPerRegion(4).withJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")),
                line -> { }, Clock.systemUTC());
        LocalOrchestration.Settings settings = new LocalOrchestration.Settings(
                new RunnerSettings(resources.settings().scenariosBucket(), s3, REGION, Duration.ofSeconds(3), 60),
                new CheckerSettings(Duration.ofSeconds(60), Duration.ofSeconds(10), new PollSchedule(1)),
                new StopRun.Patience(10, Duration.ofMillis(500)), classpath, 1.0);
        orchestration = new LocalOrchestration(resources.scenarios(), resources.runs(), resources.objects(), launcher,
                settings, Clock.systemUTC());
        Ports ports = new Ports(resources.scenarios(), resources.runs(), resources.objects(), launcher,
                orchestration.canceller(), orchestration.workflows(), new dlt.core.port.memory.InMemoryScheduleStore(),
                new dlt.local.live.OpenBrokerAccess());
        IdSource runIds = () -> "E2E" + String.format("%07d", ids.incrementAndGet());
        api = new ApiHandler(ScenarioApi.create(ApiSettings.from(Map.of("AWS_REGION", REGION, "VERSION", "test",
                "STACK_ID", "local")), ports, Clock.systemUTC(), runIds));
    }

    @AfterEach
    void tearDown() {
        orchestration.workflows().stopAll("test over");
        launcher.close();
    }

    @Test
    void threeWorkers_runEndToEnd_startTogetherAndResultsMergeExactly() throws Exception {
        JsonNode created = post(scenario("E2Ethree", 3, 5, "4s"));
        String runId = created.path("testRunId").asText();

        ExecutionResult done = await("E2Ethree", runId);

        assertThat(done.status()).as(done.error() + " " + done.cause() + workerLogs("E2Ethree", runId))
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        List<String> files = resources.objects().list(StorageKeys.run("E2Ethree", runId) + REGION + "/");
        assertThat(files).as(resources.objects().list("") + workerLogs("E2Ethree", runId)).hasSize(3);
        List<WorkerResult> workers = files.stream()
                .map(key -> WorkerResultJson.read(new String(resources.objects().get(key).orElseThrow())))
                .toList();
        long starts = workers.stream().mapToLong(w -> w.measured().startEpochMs()).max().getAsLong()
                - workers.stream().mapToLong(w -> w.measured().startEpochMs()).min().getAsLong();
        assertThat(starts).as("spread of the workers' start times, ms").isLessThanOrEqualTo(1000);
        long requests = workers.stream().mapToLong(w -> w.total().requests()).sum();
        assertThat(requests).isPositive();

        TestRun run = resources.runs().find("E2Ethree", runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(run.partial()).isFalse();
        assertThat(JSON.readTree(run.summary()).path("requests").asLong()).isEqualTo(requests);
        assertThat(resources.objects().get(StorageKeys.runResults("E2Ethree", runId))).isPresent();
        assertThat(get("/scenarios/E2Ethree").path("status").asText()).isEqualTo("complete");
        assertThat(done.historyEventCount()).isLessThan(10_000);
    }

    @Test
    void cancel_midRun_stopsEveryWorkerAndEndsCancelled() throws Exception {
        String runId = post(scenario("E2Ecancel", 2, 2, "60s")).path("testRunId").asText();
        waitFor(() -> status("E2Ecancel", runId) == RunStatus.RUNNING, Duration.ofSeconds(60));

        assertThat(workerProcesses()).isEqualTo(2);
        APIGatewayProxyResponseEvent cancelled = call("POST", "/scenarios/E2Ecancel", null);
        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(200);

        waitFor(() -> workerProcesses() == 0, Duration.ofSeconds(10));
        await("E2Ecancel", runId);
        assertThat(status("E2Ecancel", runId)).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void workerKilled_midRun_runEndsPartialNotStuck() throws Exception {
        String runId = post(scenario("E2Ekill", 3, 2, "8s")).path("testRunId").asText();
        waitFor(() -> status("E2Ekill", runId) == RunStatus.RUNNING, Duration.ofSeconds(60));
        assertThat(workerProcesses()).isEqualTo(3);
        ProcessHandle victim = ProcessHandle.current().children().filter(ProcessHandle::isAlive).findFirst().orElseThrow();
        victim.destroyForcibly();

        await("E2Ekill", runId);
        TestRun run = resources.runs().find("E2Ekill", runId).orElseThrow();
        assertThat(run.status()).isIn(RunStatus.COMPLETE, RunStatus.FAILED);
        assertThat(run.status().isTerminal()).isTrue();
        if (run.status() == RunStatus.COMPLETE) {
            assertThat(run.partial()).isTrue();
            assertThat(run.missingTasks()).isNotEmpty();
        }
    }

    @Test
    void secondStart_whileActive_refused() throws Exception {
        String runId = post(scenario("E2Etwice", 1, 1, "5s")).path("testRunId").asText();

        APIGatewayProxyResponseEvent again = call("POST", "/scenarios", scenario("E2Etwice", 1, 1, "5s"));

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.getBody()).path("code").asText()).isEqualTo("TEST_RUNNING");
        await("E2Etwice", runId);
        assertThat(status("E2Etwice", runId)).isEqualTo(RunStatus.COMPLETE);
    }

    private String scenario(String testId, int tasks, int concurrency, String holdFor) {
        return """
                {"testId": "%s", "testName": "E2E %s", "testDescription": "end to end", "testType": "simple",
                 "testTaskConfigs": [{"region": "%s", "taskCount": %d, "concurrency": %d}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "%s", "scenario": "main"}],
                   "scenarios": {"main": {"requests": [{"url": "%s/fast", "method": "GET", "label": "fast"}]}}}}
                """.formatted(testId, testId, REGION, tasks, concurrency, holdFor, target.baseUri());
    }

    private ExecutionResult await(String testId, String runId) throws Exception {
        Execution execution = orchestration.workflows().execution(testId + "-" + runId).orElseThrow();
        return execution.await(RUN_DEADLINE);
    }

    /** What the run's workers said on stderr, for failure messages. */
    private String workerLogs(String testId, String runId) {
        StringBuilder logs = new StringBuilder();
        for (var task : launcher.tasks(resources.scenarios().region(REGION).orElseThrow(), testId, runId)) {
            launcher.details(task.taskId()).ifPresent(d -> logs.append("\n").append(d.taskId()).append(" exit ")
                    .append(d.exitCode()).append(": ").append(String.join("\n  ", d.lastErrorLines())));
        }
        return logs.toString();
    }

    private RunStatus status(String testId, String runId) {
        return resources.runs().find(testId, runId).map(TestRun::status).orElse(null);
    }

    /** The worker JVMs still alive: this test JVM's only child processes (the AWS stand-ins run in-process). */
    private static long workerProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within " + timeout);
            Thread.sleep(100);
        }
    }

    private JsonNode post(String body) throws Exception {
        APIGatewayProxyResponseEvent response = call("POST", "/scenarios", body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(call("GET", path, null).getBody());
    }

    private APIGatewayProxyResponseEvent call(String method, String path, String body) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method).withPath(path).withBody(body)
                .withHeaders(Map.of("Content-Type", "application/json"));
        return api.handleRequest(event, null);
    }
}
