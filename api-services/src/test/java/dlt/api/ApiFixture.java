package dlt.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.api.usecase.Features;
import dlt.api.usecase.IdSource;
import dlt.api.usecase.Ports;
import dlt.core.port.TaskLauncher;
import dlt.core.port.memory.FakeTaskLauncher;
import dlt.core.port.memory.InMemoryObjectStore;
import dlt.core.port.memory.InMemoryScenarioRepository;
import dlt.core.port.memory.InMemoryScheduleStore;
import dlt.core.port.memory.InMemoryTestRunRepository;
import dlt.core.port.memory.RecordingLiveDataAccess;
import dlt.core.port.memory.RecordingRunCanceller;
import dlt.core.port.memory.RecordingWorkflowStarter;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The real ApiHandler on the in-memory ports, with a settable clock, predictable ids and seeding helpers. */
final class ApiFixture {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Map<String, String> ENV = Map.of("AWS_REGION", "us-east-1", "VERSION", "v1.0.0",
            "STACK_ID", "arn:aws:cloudformation:us-east-1:123456789012:stack/dlt/abc", "UUID", "uuid-1",
            "REGIONAL_TEMPLATE_URL", "https://example.com/regional.template");

    final MutableClock clock = new MutableClock(T0);
    final InMemoryScenarioRepository scenarios = new InMemoryScenarioRepository();
    final InMemoryTestRunRepository runs = new InMemoryTestRunRepository();
    final InMemoryObjectStore objects = new InMemoryObjectStore(clock);
    final FakeTaskLauncher tasks = new FakeTaskLauncher();
    final RecordingRunCanceller canceller = new RecordingRunCanceller();
    final RecordingWorkflowStarter workflows = new RecordingWorkflowStarter();
    final InMemoryScheduleStore schedules = new InMemoryScheduleStore();
    final RecordingLiveDataAccess liveAccess = new RecordingLiveDataAccess();
    final AtomicInteger nextId = new AtomicInteger();
    final ApiSettings settings = ApiSettings.from(ENV);
    final ApiHandler handler;

    ApiFixture() {
        this(Map.of());
    }

    ApiFixture(Map<String, String> extraEnv) {
        this(extraEnv, Features.CURRENT);
    }

    ApiFixture(Map<String, String> extraEnv, Features features) {
        Map<String, String> env = new HashMap<>(ENV);
        env.putAll(extraEnv);
        IdSource ids = () -> "Id" + String.format("%08d", nextId.incrementAndGet());
        Ports ports = new Ports(scenarios, runs, objects, tasks, canceller, workflows, schedules, liveAccess);
        handler = new ApiHandler(ScenarioApi.create(ApiSettings.from(env), ports, clock, ids, features));
        scenarios.putRegion(region("us-east-1"));
        scenarios.putRegion(region("eu-west-1"));
        tasks.setAvailableTasks("us-east-1", 10);
        tasks.setAvailableTasks("eu-west-1", 4);
    }

    static RegionResources region(String name) {
        return new RegionResources(name, "dlt-" + name, "arn:aws:ecs:" + name + ":123456789012:task-definition/dlt:1",
                "dlt-load-tester:latest", List.of("subnet-" + name + "-a", "subnet-" + name + "-b"),
                "sg-" + name, "/dlt/" + name);
    }

    /** Everything every fake holds, to compare before and after a request. */
    record State(InMemoryScenarioRepository.Snapshot scenarios, InMemoryTestRunRepository.Snapshot runs,
                 Map<String, InMemoryObjectStore.StoredObject> objects, List<?> started, List<?> cancels,
                 Map<String, ?> schedules) {
    }

    State state() {
        return new State(scenarios.snapshot(), runs.snapshot(), objects.snapshot(), workflows.started(),
                canceller.cancels(), schedules.all());
    }

    // ---- requests

    Response call(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        return new Response(response);
    }

    Response call(String method, String path) {
        return call(method, path, null, null);
    }

    Response call(String method, String path, String body) {
        return call(method, path, null, body);
    }

    Response call(String method, String path, Map<String, String> query, String body) {
        return call(event(method, path, query, body));
    }

    static APIGatewayProxyRequestEvent event(String method, String path, Map<String, String> query, String body) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withQueryStringParameters(query)
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    record Response(int status, JsonNode json, Map<String, String> headers, String body) {
        Response(APIGatewayProxyResponseEvent event) {
            this(event.getStatusCode(), parse(event.getBody()), event.getHeaders(), event.getBody());
        }

        String code() {
            return json.path("code").asText(null);
        }

        String field() {
            JsonNode field = json.path("field");
            return field.isNull() || field.isMissingNode() ? null : field.asText();
        }
    }

    static JsonNode parse(String body) {
        if (body == null) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- scenarios and runs

    static String scenarioJson(String testId) {
        return """
                {%s"testName": "Checkout", "testDescription": "buys one thing", "testType": "simple",
                 "showLive": true, "tags": ["shop", "nightly"],
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 50},
                                     {"region": "eu-west-1", "taskCount": 1, "concurrency": 10}],
                 "testScenario": {
                   "execution": [{"ramp-up": "30s", "hold-for": "2m", "scenario": "Checkout"}],
                   "scenarios": {"Checkout": {"requests": [
                     {"url": "https://shop.example.com/cart", "method": "POST",
                      "headers": {"Content-Type": "application/json"}, "body": "{\\"sku\\": 1}"}]}}}}
                """.formatted(testId == null ? "" : "\"testId\": \"" + testId + "\", ");
    }

    static Scenario scenario(String testId) {
        return ScenarioJson.parse(scenarioJson(testId));
    }

    /** A stored test with finished runs (oldest first), each with a summary. */
    void seedTest(String testId, String... runIds) {
        scenarios.put(StoredScenario.created(scenario(testId), T0.minusSeconds(3600)));
        for (int i = 0; i < runIds.length; i++) {
            Instant start = T0.minusSeconds(3000L - i * 600L);
            scenarios.beginRun(testId, runIds[i], start);
            runs.create(TestRun.queued(scenario(testId), runIds[i], start));
            TestRun queued = runs.find(testId, runIds[i]).orElseThrow();
            runs.saveResults(new TestRun(testId, runIds[i], queued.status(), start, null, queued.scenario(), null,
                    "{\"total\":{\"throughput\":" + (1000 + i) + ",\"avg_rt\":0.05,\"avg_lt\":0.01,\"avg_ct\":0.002,"
                            + "\"bytes\":120000}}",
                    summary(1000 + i * 100, 50.0 + i), 99.5, false, List.of()));
            runs.updateStatus(testId, runIds[i], RunStatus.COMPLETE, null, start.plusSeconds(150));
            scenarios.updateRunStatus(testId, runIds[i], RunStatus.COMPLETE, null, start.plusSeconds(150));
        }
    }

    /** A stored test whose latest run is active in {@code status}. */
    void seedActive(String testId, String runId, RunStatus status) {
        seedTest(testId);
        scenarios.beginRun(testId, runId, T0.minusSeconds(60));
        runs.create(TestRun.queued(scenario(testId), runId, T0.minusSeconds(60)));
        if (status != RunStatus.QUEUED) {
            runs.updateStatus(testId, runId, status, null, T0.minusSeconds(30));
            scenarios.updateRunStatus(testId, runId, status, null, T0.minusSeconds(30));
        }
    }

    static String summary(long requests, double p95) {
        return """
                {"version": 1, "durationSeconds": 150, "requests": %d, "successes": %d, "failures": 5, "rps": %s,
                 "responseTimeMs": {"min": 1.0, "avg": 20.0, "max": 300.0, "stdev": 4.0, "p50": 18.0, "p90": 40.0,
                                    "p95": %s, "p99": 90.0, "p99_9": 200.0},
                 "statusCodes": {"200": %d}, "errors": {}, "labels": {}}
                """.formatted(requests, requests - 5, requests / 150.0, p95, requests - 5);
    }

    void availableTasks(String region, int count) {
        tasks.setAvailableTasks(region, count);
    }

    TaskLauncher.WorkerTask task(String taskId, String testId, String runId, String status) {
        return new TaskLauncher.WorkerTask(taskId, testId, runId, status);
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
