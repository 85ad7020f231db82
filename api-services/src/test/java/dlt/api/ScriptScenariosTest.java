package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.api.ApiFixture.Response;
import dlt.api.usecase.Features;
import dlt.core.script.ScriptBundle;
import dlt.core.script.ScriptTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** POST /scenarios for JMeter, k6 and Locust tests: the uploaded file is there and sane, and the workers can run the type. */
class ScriptScenariosTest {
    private static final String TEST_ID = "Shop123456";
    private static final String FIELD = "testScenario.scenarios.Checkout.script";

    private final ApiFixture api = new ApiFixture();

    @Test
    void post_jmeterScriptNotUploaded_400NamingTheScriptAndTheUploadRoute() {
        Response response = api.call("POST", "/scenarios", scenario("jmeter", "script", TEST_ID + ".jmx"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("SCRIPT_NOT_UPLOADED");
        assertThat(response.field()).isEqualTo(FIELD);
        assertThat(response.json().path("message").asText()).contains("public/test-scenarios/jmeter/Shop123456.jmx")
                .contains("/scenarios/Shop123456/upload-url");
        assertThat(api.workflows.started()).isEmpty();
    }

    @Test
    void post_scriptScenarioWithoutTestId_400OnTestId() {
        Response response = api.call("POST", "/scenarios", scenario("jmeter", "script", TEST_ID + ".jmx")
                .replace("\"testId\": \"" + TEST_ID + "\", ", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field()).isEqualTo("testId");
        assertThat(response.json().path("message").asText()).contains("upload-url");
    }

    @Test
    void post_jmeterScriptUploaded_runStarts() {
        api.objects.put("public/test-scenarios/jmeter/Shop123456.jmx", "<jmeterTestPlan/>".getBytes(StandardCharsets.UTF_8),
                "application/octet-stream");

        Response response = api.call("POST", "/scenarios", scenario("jmeter", "script", TEST_ID + ".jmx"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(api.workflows.started()).hasSize(1);
        assertThat(api.workflows.started().getFirst().testType()).isEqualTo("jmeter");
    }

    @Test
    void post_zipClimbingOutOfItsFolder_400BeforeAnythingRuns() throws IOException {
        api.objects.put("public/test-scenarios/jmeter/Shop123456.zip",
                zip(Map.of("plan.jmx", "<p/>", "../escape.csv", "x")), "application/zip");

        Response response = api.call("POST", "/scenarios", scenario("jmeter", "zip", TEST_ID + ".zip"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_SCRIPT");
        assertThat(response.field()).isEqualTo(FIELD);
        assertThat(response.json().path("message").asText()).contains("climbs out of the bundle");
        assertThat(api.workflows.started()).isEmpty();
    }

    @Test
    void post_oversizedZip_400() {
        api.objects.put("public/test-scenarios/locust/Shop123456.zip", new byte[(int) ScriptBundle.MAX_ZIP_BYTES + 1],
                "application/zip");

        Response response = api.call("POST", "/scenarios", scenario("locust", "zip", TEST_ID + ".zip"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_SCRIPT");
        assertThat(response.json().path("message").asText()).contains("at most 52428800");
    }

    @Test
    void post_zipWithoutLocustfile_400SayingWhatIsMissing() throws IOException {
        api.objects.put("public/test-scenarios/locust/Shop123456.zip", zip(Map.of("tasks.py", "")), "application/zip");

        Response response = api.call("POST", "/scenarios", scenario("locust", "zip", TEST_ID + ".zip"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("no locustfile.py");
    }

    @Test
    void post_workersWithoutLocustOrK6_400NamingTheMissingProgram_jmeterStillRuns() {
        ApiFixture local = new ApiFixture(Map.of(), Features.CURRENT.withWorkerTools(new ScriptTools(null, null)));
        local.objects.put("public/test-scenarios/jmeter/Shop123456.jmx", new byte[] {1}, "application/octet-stream");

        Response locust = local.call("POST", "/scenarios", scenario("locust", "script", TEST_ID + ".py"));
        Response k6 = local.call("POST", "/scenarios", scenario("k6", "script", TEST_ID + ".js"));
        Response jmeter = local.call("POST", "/scenarios", scenario("jmeter", "script", TEST_ID + ".jmx"));

        assertThat(locust.status()).isEqualTo(400);
        assertThat(locust.code()).isEqualTo("UNSUPPORTED_TEST_TYPE");
        assertThat(locust.field()).isEqualTo("testType");
        assertThat(locust.json().path("message").asText()).contains("the locust program is not installed on the workers");
        assertThat(k6.json().path("message").asText()).contains("the k6 program is not installed on the workers");
        assertThat(jmeter.status()).as(jmeter.body()).isEqualTo(200);
    }

    private static String scenario(String type, String fileType, String script) {
        return """
                {"testId": "%s", "testName": "Checkout", "testDescription": "buys one thing", "testType": "%s",
                 "fileType": "%s", "showLive": true,
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 50}],
                 "testScenario": {
                   "execution": [{"ramp-up": "30s", "hold-for": "2m", "scenario": "Checkout"}],
                   "scenarios": {"Checkout": {"script": "%s"}}}}
                """.formatted(TEST_ID, type, fileType, script);
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
