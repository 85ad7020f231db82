package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dlt.api.ApiFixture.Response;
import dlt.core.run.RunStatus;
import org.junit.jupiter.api.Test;

/** Each route's happy path, driven by a real API Gateway REST proxy event (resource template + path parameters). */
class ApiGatewayEventsTest {

    private static final String TEST_ID = "AbCdE12345";

    private final ApiFixture api = new ApiFixture();

    private Response send(String fixture) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/" + fixture + ".json");
        Response response = api.call(event);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("Access-Control-Allow-Origin", "*");
        return response;
    }

    private void seedWithBaseline() {
        api.seedTest(TEST_ID, "RunA000001", "RunB000002");
        api.scenarios.setBaseline(TEST_ID, "RunA000001");
    }

    @Test
    void createScenario_event_queuesRun() {
        Response response = send("create-scenario");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("testId").asText()).isEqualTo(TEST_ID);
        assertThat(response.json().path("status").asText()).isEqualTo("queued");
        assertThat(api.workflows.started()).singleElement()
                .satisfies(input -> assertThat(input.testDuration()).isEqualTo(360));
    }

    @Test
    void createScenarioBase64_event_queuesRun() {
        Response response = send("create-scenario-base64");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(api.runs.listAll(TEST_ID)).hasSize(1);
    }

    @Test
    void listScenarios_event_filtersByTag() {
        send("create-scenario");

        Response response = send("list-scenarios");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("Items")).extracting(i -> i.path("testId").asText()).containsExactly(TEST_ID);
    }

    @Test
    void getScenario_event_returnsScenario() {
        seedWithBaseline();

        Response response = send("get-scenario");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("testId").asText()).isEqualTo(TEST_ID);
        assertThat(response.json().path("history")).hasSize(2);
    }

    @Test
    void cancelScenario_event_cancelsActiveRun() {
        api.seedActive(TEST_ID, "RunBusy001", RunStatus.RUNNING);

        Response response = send("cancel-scenario");

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.canceller.cancels()).hasSize(1);
    }

    @Test
    void deleteScenario_event_removesTest() {
        seedWithBaseline();

        Response response = send("delete-scenario");

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.scenarios.find(TEST_ID)).isEmpty();
    }

    @Test
    void listTestRuns_event_returnsPage() {
        seedWithBaseline();

        Response response = send("list-testruns");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("testRuns")).hasSize(2);
        assertThat(response.json().path("pagination").path("limit").asInt()).isEqualTo(10);
    }

    @Test
    void deleteTestRuns_event_deletesRun() {
        api.seedTest(TEST_ID, "RunA000001", "RunB000002");

        Response response = send("delete-testruns");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("deletedCount").asInt()).isEqualTo(1);
    }

    @Test
    void getTestRun_event_returnsRun() {
        seedWithBaseline();

        Response response = send("get-testrun");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("testRunId").asText()).isEqualTo("RunB000002");
    }

    @Test
    void testRunArtifacts_event_presignsTheStoredFiles() {
        seedWithBaseline();
        api.objects.put(dlt.core.port.StorageKeys.report(TEST_ID, "RunB000002"), new byte[] {1}, "text/html");

        Response response = send("get-testrun-artifacts");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("testRunId").asText()).isEqualTo("RunB000002");
        assertThat(response.json().path("artifacts").path("report").path("url").asText()).startsWith("http");
        assertThat(response.json().path("artifacts").has("junit")).isFalse();
    }

    @Test
    void compareTestRun_event_comparesWithBaseline() {
        seedWithBaseline();

        Response response = send("compare-testrun");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("deltas").path("requests").path("difference").asInt()).isEqualTo(100);
    }

    @Test
    void getBaseline_event_returnsBaseline() {
        seedWithBaseline();

        Response response = send("get-baseline");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("baselineId").asText()).isEqualTo("RunA000001");
    }

    @Test
    void putBaseline_event_setsBaseline() {
        seedWithBaseline();

        Response response = send("put-baseline");

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.scenarios.find(TEST_ID).orElseThrow().baselineId()).isEqualTo("RunB000002");
    }

    @Test
    void deleteBaseline_event_clearsBaseline() {
        seedWithBaseline();

        Response response = send("delete-baseline");

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.scenarios.find(TEST_ID).orElseThrow().baselineId()).isNull();
    }

    @Test
    void uploadUrl_event_presigns() {
        Response response = send("upload-url");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("key").asText()).isEqualTo("public/test-scenarios/jmeter/AbCdE12345.jmx");
    }

    @Test
    void tasks_event_listsRegions() {
        Response response = send("tasks");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).extracting(r -> r.path("region").asText()).containsExactly("eu-west-1",
                "us-east-1");
    }

    @Test
    void regions_event_listsRegions() {
        Response response = send("regions");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("regions")).hasSize(2);
    }

    @Test
    void vCpuDetails_event_givesCapacity() {
        Response response = send("vcpu-details");

        assertThat(response.status()).isEqualTo(200);
        JsonNode east = response.json().path("us-east-1");
        assertThat(east.path("dltAvailableTasks").asInt()).isEqualTo(10);
    }

    @Test
    void stackInfo_event_givesStack() {
        Response response = send("stack-info");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("version").asText()).isEqualTo("v1.0.0");
    }

    @Test
    void getScenario_encodedTraversalInPathParameter_isRefused() {
        Response response = send("get-scenario-encoded-traversal");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_PATH_PARAMETER");
        assertThat(response.field()).isEqualTo("testId");
    }
}
