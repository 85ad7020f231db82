package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dlt.api.ApiFixture.Response;
import dlt.api.usecase.Ports;
import dlt.aws.LocalAws;
import dlt.core.port.StorageKeys;
import dlt.core.port.memory.FakeTaskLauncher;
import dlt.core.port.memory.RecordingRunCanceller;
import dlt.core.port.memory.RecordingWorkflowStarter;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real ApiHandler fed real API Gateway events, on the aws module's DynamoDB and S3 adapters against
 * DynamoDB Local and s3proxy (ECS, Step Functions and the canceller stay fakes: they have no local stand-in).
 */
class ApiOnLocalAwsTest {

    private static final String TEST_ID = "AbCdE12345";

    private static LocalAws aws;

    private LocalAws.Resources resources;
    private final FakeTaskLauncher tasks = new FakeTaskLauncher();
    private final RecordingRunCanceller canceller = new RecordingRunCanceller();
    private final RecordingWorkflowStarter workflows = new RecordingWorkflowStarter();
    private final AtomicInteger ids = new AtomicInteger();
    private final ApiFixture.MutableClock clock = new ApiFixture.MutableClock(Instant.now());
    private ApiHandler handler;

    @BeforeAll
    static void startStandIns() {
        aws = LocalAws.start();
    }

    @AfterAll
    static void stopStandIns() {
        aws.close();
    }

    @BeforeEach
    void setUp() {
        resources = aws.fresh();
        resources.scenarios().putRegion(ApiFixture.region("us-east-1"));
        tasks.setAvailableTasks("us-east-1", 10);
        Ports ports = new Ports(resources.scenarios(), resources.runs(), resources.objects(), tasks, canceller,
                workflows, new dlt.core.port.memory.InMemoryScheduleStore(),
                new dlt.core.port.memory.RecordingLiveDataAccess());
        handler = new ApiHandler(ScenarioApi.create(ApiSettings.from(ApiFixture.ENV), ports, clock,
                () -> "Run" + String.format("%07d", ids.incrementAndGet())));
    }

    private Response send(String fixture) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/" + fixture + ".json");
        return new Response(handler.handleRequest(event, null));
    }

    private Response call(String method, String path, Map<String, String> query, String body) {
        return new Response(handler.handleRequest(ApiFixture.event(method, path, query, body), null));
    }

    /** What the results parser does at the end of a run. */
    private void finish(String testRunId, long requests) {
        TestRun run = resources.runs().find(TEST_ID, testRunId).orElseThrow();
        resources.runs().saveResults(new TestRun(TEST_ID, testRunId, run.status(), run.startTime(), null,
                run.scenario(), null, "{\"total\":{\"throughput\":" + requests + "}}",
                ApiFixture.summary(requests, 50.0), 99.0, false, java.util.List.of()));
        resources.runs().updateStatus(TEST_ID, testRunId, RunStatus.COMPLETE, null, run.startTime().plusSeconds(360));
        resources.scenarios().updateRunStatus(TEST_ID, testRunId, RunStatus.COMPLETE, null,
                run.startTime().plusSeconds(360));
    }

    @Test
    void scenarioLifecycle_onDynamoDbLocalAndS3Proxy_behavesAsOnFakes() throws Exception {
        Response created = send("create-scenario");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("testRunId").asText()).isEqualTo("Run0000001");
        assertThat(workflows.started()).hasSize(1);
        assertThat(resources.objects().get(StorageKeys.runConfig(TEST_ID, "Run0000001", "us-east-1"))).isPresent();

        Response again = send("create-scenario");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("TEST_RUNNING");

        Response cancelled = send("cancel-scenario");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(resources.scenarios().find(TEST_ID).orElseThrow().status()).isEqualTo(RunStatus.CANCELLING);
        resources.runs().updateStatus(TEST_ID, "Run0000001", RunStatus.CANCELLED, null, clock.instant());
        resources.scenarios().updateRunStatus(TEST_ID, "Run0000001", RunStatus.CANCELLED, null,
                clock.instant());

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(send("create-scenario").status()).isEqualTo(200);
            finish("Run000000" + (i + 2), 1000 + 100L * i);
        }
        Response details = send("get-scenario");
        assertThat(details.json().path("status").asText()).isEqualTo("complete");
        assertThat(details.json().path("totalTestRuns").asInt()).isEqualTo(4);
        assertThat(details.json().path("history")).hasSize(4);
        assertThat(details.json().path("summary").path("requests").asInt()).isEqualTo(1200);

        Response first = call("GET", "/scenarios/" + TEST_ID + "/testruns", Map.of("limit", "3"), null);
        assertThat(first.json().path("testRuns")).extracting(r -> r.path("testRunId").asText())
                .containsExactly("Run0000004", "Run0000003", "Run0000002");
        String token = first.json().path("pagination").path("next_token").asText();
        Response second = call("GET", "/scenarios/" + TEST_ID + "/testruns",
                Map.of("limit", "3", "next_token", token), null);
        assertThat(second.json().path("testRuns")).extracting(r -> r.path("testRunId").asText())
                .containsExactly("Run0000001");

        assertThat(call("PUT", "/scenarios/" + TEST_ID + "/baseline", null, "{\"testRunId\": \"Run0000002\"}")
                .status()).isEqualTo(200);
        Response compared = call("GET", "/scenarios/" + TEST_ID + "/testruns/Run0000004/compare", null, null);
        assertThat(compared.json().path("deltas").path("requests").path("difference").asInt()).isEqualTo(200);
        Response conflict = call("DELETE", "/scenarios/" + TEST_ID + "/testruns", null, "[\"Run0000002\"]");
        assertThat(conflict.code()).isEqualTo("BASELINE_CONFLICT");
        Response deletedRuns = call("DELETE", "/scenarios/" + TEST_ID + "/testruns", null, "[\"Run0000001\"]");
        assertThat(deletedRuns.json().path("deletedCount").asInt()).isEqualTo(1);
        assertThat(resources.scenarios().find(TEST_ID).orElseThrow().totalTestRuns()).isEqualTo(3);

        Response upload = send("upload-url");
        assertThat(upload.status()).isEqualTo(200);
        HttpResponse<String> put = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(upload.json().path("url").asText()))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofString("<jmeterTestPlan/>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(resources.objects().size("public/test-scenarios/jmeter/" + TEST_ID + ".jmx")).hasValue(17);

        Response deleted = send("delete-scenario");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(resources.scenarios().find(TEST_ID)).isEmpty();
        assertThat(resources.runs().listAll(TEST_ID)).isEmpty();
        assertThat(resources.objects().list("")).isEmpty();
        assertThat(resources.scenarios().region("us-east-1")).isPresent();
    }

    @Test
    void badScenario_onDynamoDbLocalAndS3Proxy_writesNothing() {
        String body = ApiFixture.scenarioJson(TEST_ID).replace("\"taskCount\": 2", "\"taskCount\": 0");

        Response response = call("POST", "/scenarios", null, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field()).isEqualTo("testTaskConfigs[0].taskCount");
        assertThat(resources.scenarios().list()).isEmpty();
        assertThat(resources.objects().list("")).isEmpty();
        assertThat(workflows.started()).isEmpty();
    }

    @Test
    void regionsAndCapacity_onDynamoDbLocal_listDeployedRegion() {
        Response regions = send("regions");
        Response vcpu = send("vcpu-details");

        assertThat(regions.json().path("regions")).extracting(r -> r.path("region").asText())
                .containsExactly("us-east-1");
        assertThat(vcpu.json().path("us-east-1").path("dltAvailableTasks").asInt()).isEqualTo(10);
    }
}
