package dlt.local.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.api.ApiHandler;
import dlt.api.ApiSettings;
import dlt.api.ScenarioApi;
import dlt.api.usecase.Ports;
import dlt.aws.AwsService;
import dlt.aws.DynamoDbLocalServer;
import dlt.aws.LocalAws;
import dlt.core.live.LiveLine;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import dlt.core.run.workflow.PollSchedule;
import dlt.local.asl.ExecutionResult;
import dlt.local.asl.ExecutionStatus;
import dlt.local.tasks.ProcessTaskLauncher;
import dlt.local.tasks.WorkerLine;
import dlt.local.workflow.LocalOrchestration;
import dlt.loadtester.target.SampleTarget;
import dlt.taskcanceler.StopRun;
import dlt.taskrunner.RunnerSettings;
import dlt.taskstatuschecker.CheckerSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live data through the local platform: a run with {@code showLive} on two worker JVMs, their stdout fed to
 * the real-time-data-publisher handler as subscription events, published with the SDK's IoT client to the
 * stand-in, and received by an MQTT client over WebSocket as the console would.
 */
class LiveDataE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String TEST_ID = "E2Elive";
    private static final Duration LATENCY_TARGET = Duration.ofSeconds(2);

    private LocalAws aws;
    private LocalAws.Resources resources;
    private SampleTarget target;
    private LocalLive live;
    private ProcessTaskLauncher launcher;
    private LocalOrchestration orchestration;
    private ApiHandler api;
    private final List<WorkerLine> workerLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        aws = LocalAws.start();
        target = SampleTarget.start(0);
        live = LocalLive.start(LocalLive.Settings.defaults(), Clock.systemUTC());
        LocalAws.Resources resources = aws.fresh();
        resources.scenarios().putRegion(new RegionResources(REGION, "local", "local-worker", "local", List.of(), "", ""));
        String classpath = System.getProperty("java.class.path");
        String s3 = resources.settings().endpointFor(AwsService.S3).orElseThrow().toString();
        launcher = new ProcessTaskLauncher(
                ProcessTaskLauncher.Settings.of(classpath, URI.create(s3), DynamoDbLocalServer.CREDENTIALS)
                        .withTasksPerRegion(4).withJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")),
                line -> {
                    workerLines.add(line);
                    live.workerLines().accept(line);
                }, Clock.systemUTC());
        orchestration = new LocalOrchestration(resources.scenarios(), resources.runs(), resources.objects(), launcher,
                new LocalOrchestration.Settings(
                        new RunnerSettings(resources.settings().scenariosBucket(), s3, REGION, Duration.ofSeconds(3), 60),
                        new CheckerSettings(Duration.ofSeconds(60), Duration.ofSeconds(10), new PollSchedule(1)),
                        new StopRun.Patience(10, Duration.ofMillis(500)), classpath, 1.0),
                Clock.systemUTC());
        Ports ports = new Ports(resources.scenarios(), resources.runs(), resources.objects(), launcher,
                orchestration.canceller(), orchestration.workflows(), new dlt.core.port.memory.InMemoryScheduleStore(),
                new OpenBrokerAccess());
        api = new ApiHandler(ScenarioApi.create(ApiSettings.from(Map.of("AWS_REGION", REGION, "VERSION", "test",
                "STACK_ID", "local")), ports, Clock.systemUTC(), () -> "LIVE0000001"));
        this.resources = resources;
    }

    @AfterEach
    void tearDown() {
        orchestration.workflows().stopAll("test over");
        launcher.close();
        live.close();
        target.close();
        aws.close();
    }

    @Test
    void showLive_twoTasks_subscriberGetsEverySecondOnceWithCountsOfTheRunWithinTwoSeconds() throws Exception {
        try (MqttSubscriber subscriber = new MqttSubscriber(live.broker().webSocketUri(), "dlt/" + TEST_ID)) {
            String runId = post(scenario(2, 2, "6s")).path("testRunId").asText();
            ExecutionResult done = orchestration.workflows().execution(TEST_ID + "-" + runId).orElseThrow()
                    .await(Duration.ofSeconds(90));
            assertThat(done.status()).as(done.error() + " " + done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            TestRun run = resources.runs().find(TEST_ID, runId).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
            long requests = JSON.readTree(run.summary()).path("requests").asLong();

            Map<Long, long[]> printed = printedPerSecond(); // second -> {requests, lines}
            long printedTotal = printed.values().stream().mapToLong(c -> c[0]).sum();
            List<MqttSubscriber.Received> received = subscriber.await(
                    r -> combine(r).values().stream().mapToLong(c -> c[0]).sum() == printedTotal, Duration.ofSeconds(5));

            Map<Long, long[]> published = combine(received); // second -> {requests, tasks}
            assertThat(published.keySet()).as("a point per second of the run").isEqualTo(printed.keySet());
            long first = published.keySet().iterator().next();
            assertThat(published.keySet()).as("seconds without a gap").containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, published.size()).map(i -> first + i * 1000).boxed().toList());
            for (Map.Entry<Long, long[]> second : printed.entrySet()) {
                long[] point = published.get(second.getKey());
                assertThat(point[0]).as("requests of second %d", second.getKey()).isEqualTo(second.getValue()[0]);
                assertThat(point[1]).as("tasks of second %d (doubled or lost)", second.getKey())
                        .isEqualTo(second.getValue()[1]);
            }
            long largestSecond = printed.values().stream().mapToLong(c -> c[0]).max().orElse(0);
            assertThat(printedTotal).as("live total vs the run's %d requests", requests)
                    .isPositive().isBetween(requests - largestSecond, requests);

            List<Long> latencies = latencies(received);
            long max = latencies.getLast();
            System.out.printf("live latency (end of a worker's second -> subscriber), ms: median %d, p90 %d, max %d "
                            + "over %d points in %d messages%n", latencies.get(latencies.size() / 2),
                    latencies.get(latencies.size() * 9 / 10), max, latencies.size(), received.size());
            assertThat(max).as("latency, ms").isLessThan(LATENCY_TARGET.toMillis());
        }
    }

    /** What the workers printed: per second, requests and how many tasks printed it. */
    private Map<Long, long[]> printedPerSecond() {
        Map<Long, long[]> seconds = new TreeMap<>();
        for (WorkerLine line : workerLines) {
            LiveLine.parse(line.line()).ifPresent(l -> {
                long[] c = seconds.computeIfAbsent(l.second() * 1000, s -> new long[2]);
                c[0] += l.ok() + l.fail();
                c[1]++;
            });
        }
        return seconds;
    }

    /** The subscriber's view: points combined by (region, timestamp), as the console does. */
    private static Map<Long, long[]> combine(List<MqttSubscriber.Received> messages) {
        Map<Long, long[]> seconds = new TreeMap<>();
        for (MqttSubscriber.Received message : messages) {
            JsonNode points = read(message).path(REGION);
            for (JsonNode point : points) {
                long[] c = seconds.computeIfAbsent(point.path("timestamp").asLong(), s -> new long[2]);
                c[0] += point.path("succ").asLong() + point.path("fail").asLong();
                c[1] += point.path("tasks").asLong();
            }
        }
        return seconds;
    }

    /** For each point: from the end of its second to its arrival, ms, sorted. */
    private static List<Long> latencies(List<MqttSubscriber.Received> messages) {
        List<Long> latencies = new ArrayList<>();
        for (MqttSubscriber.Received message : messages) {
            for (JsonNode point : read(message).path(REGION)) {
                latencies.add(message.receivedAtMillis() - (point.path("timestamp").asLong() + 1000));
            }
        }
        latencies.sort(null);
        return latencies;
    }

    private static JsonNode read(MqttSubscriber.Received message) {
        try {
            return JSON.readTree(message.payload());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + message.text(), e);
        }
    }

    private String scenario(int tasks, int concurrency, String holdFor) {
        return """
                {"testId": "%s", "testName": "E2E live", "testDescription": "live data", "testType": "simple",
                 "showLive": true,
                 "testTaskConfigs": [{"region": "%s", "taskCount": %d, "concurrency": %d}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "%s", "scenario": "main"}],
                   "scenarios": {"main": {"requests": [{"url": "%s/fast", "method": "GET", "label": "fast"}]}}}}
                """.formatted(TEST_ID, REGION, tasks, concurrency, holdFor, target.baseUri());
    }

    private JsonNode post(String body) throws Exception {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withPath("/scenarios").withBody(body)
                .withHeaders(Map.of("Content-Type", "application/json"));
        APIGatewayProxyResponseEvent response = api.handleRequest(event, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }
}
