package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlt.api.ApiFixture.Response;
import dlt.core.port.StorageKeys;
import dlt.core.port.memory.RecordingRunCanceller;
import dlt.core.run.RunStatus;
import dlt.api.usecase.Ports;
import dlt.core.port.ScenarioRepository;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioRoutesTest {

    private final ApiFixture api = new ApiFixture();

    @Test
    void listScenarios_newestFirst_withDltFields() {
        api.seedTest("Older00001", "RunA000001");
        api.clock.advance(Duration.ofMinutes(1));
        api.call("POST", "/scenarios", ApiFixture.scenarioJson("Newer00001"));

        Response response = api.call("GET", "/scenarios");

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().path("Items");
        assertThat(items).extracting(i -> i.path("testId").asText()).containsExactly("Newer00001", "Older00001");
        JsonNode older = items.get(1);
        assertThat(older.path("status").asText()).isEqualTo("complete");
        assertThat(older.path("totalTestRuns").asInt()).isEqualTo(1);
        assertThat(older.path("startTime").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(older.path("tags")).extracting(JsonNode::asText).containsExactly("shop", "nightly");
    }

    @Test
    void listScenarios_withTags_keepsThoseWithAnyTagIgnoringCase() {
        api.seedTest("Tagged0001");
        String untagged = ApiFixture.scenarioJson("Plain00001").replace("\"tags\": [\"shop\", \"nightly\"],",
                "\"tags\": [\"other\"], \"saveOnly\": true,");
        api.call("POST", "/scenarios", untagged);

        Response response = api.call("GET", "/scenarios", Map.of("tags", " NIGHTLY ,missing"), null);

        assertThat(response.json().path("Items")).extracting(i -> i.path("testId").asText())
                .containsExactly("Tagged0001");
    }

    @Test
    void getScenario_finishedTest_showsScenarioHistoryAndLatestResults() {
        api.seedTest("Shop123456", "RunA000001", "RunB000002");

        Response response = api.call("GET", "/scenarios/Shop123456");

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("testScenario").path("execution").get(0).path("hold-for").asText()).isEqualTo("2m");
        assertThat(json.path("status").asText()).isEqualTo("complete");
        assertThat(json.path("totalTestRuns").asInt()).isEqualTo(2);
        assertThat(json.path("history")).extracting(h -> h.path("testRunId").asText())
                .containsExactly("RunB000002", "RunA000001");
        assertThat(json.path("results").path("total").path("throughput").asInt()).isEqualTo(1001);
        assertThat(json.path("summary").path("requests").asInt()).isEqualTo(1100);
        assertThat(json.has("tasksPerRegion")).isFalse();
    }

    @Test
    void getScenario_historyAndLatestFalse_leaveThemEmpty() {
        api.seedTest("Shop123456", "RunA000001");

        Response response = api.call("GET", "/scenarios/Shop123456", Map.of("history", "false", "latest", "false"),
                null);

        assertThat(response.json().path("history")).isEmpty();
        assertThat(response.json().path("results").isObject()).isTrue();
        assertThat(response.json().path("results")).isEmpty();
    }

    @Test
    void getScenario_activeRun_listsActiveRunInHistoryAndTasksPerRegion() {
        api.seedActive("Busy000001", "RunBusy001", RunStatus.RUNNING);
        api.tasks.addTask("us-east-1", api.task("t1", "Busy000001", "RunBusy001", "RUNNING"));
        api.tasks.addTask("us-east-1", api.task("t2", "Busy000001", "RunBusy001", "PENDING"));
        api.tasks.addTask("us-east-1", api.task("t3", "Other00001", "RunX000001", "RUNNING"));

        Response response = api.call("GET", "/scenarios/Busy000001");

        JsonNode json = response.json();
        assertThat(json.path("status").asText()).isEqualTo("running");
        assertThat(json.path("history").get(0).path("status").asText()).isEqualTo("running");
        JsonNode east = json.path("tasksPerRegion").get(0);
        assertThat(east.path("region").asText()).isEqualTo("us-east-1");
        assertThat(east.path("running").asInt()).isEqualTo(1);
        assertThat(east.path("pending").asInt()).isEqualTo(1);
        assertThat(east.path("desired").asInt()).isEqualTo(2);
        assertThat(json.path("tasksPerRegion").get(1).path("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void cancel_activeRun_setsCancellingAndInvokesCanceller() {
        api.seedActive("Busy000001", "RunBusy001", RunStatus.RUNNING);

        Response response = api.call("POST", "/scenarios/Busy000001");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("cancelling");
        assertThat(api.runs.find("Busy000001", "RunBusy001").orElseThrow().status()).isEqualTo(RunStatus.CANCELLING);
        assertThat(api.scenarios.find("Busy000001").orElseThrow().status()).isEqualTo(RunStatus.CANCELLING);
        assertThat(api.canceller.cancels()).containsExactly(new RecordingRunCanceller.Cancel("Busy000001", "RunBusy001"));
    }

    @Test
    void cancel_cancellerUnreachable_stillCancellingForTheStateMachine() {
        api.seedActive("Busy000001", "RunBusy001", RunStatus.QUEUED);
        api.canceller.failWith(new IllegalStateException("lambda throttled"));

        Response response = api.call("POST", "/scenarios/Busy000001");

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.runs.find("Busy000001", "RunBusy001").orElseThrow().status()).isEqualTo(RunStatus.CANCELLING);
    }

    @Test
    void cancel_finishedTest_conflictsAndCancelsNothing() {
        api.seedTest("Shop123456", "RunA000001");

        Response response = api.call("POST", "/scenarios/Shop123456");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("TEST_NOT_RUNNING");
        assertThat(api.canceller.cancels()).isEmpty();
    }

    @Test
    void delete_activeTest_conflictsAndKeepsEverything() {
        api.seedActive("Busy000001", "RunBusy001", RunStatus.PROVISIONING);
        ApiFixture.State before = api.state();

        Response response = api.call("DELETE", "/scenarios/Busy000001");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("TEST_RUNNING");
        assertThat(api.state()).isEqualTo(before);
    }

    @Test
    void delete_finishedTest_removesRunsScriptsConfigsAndResultsOnly() {
        api.seedTest("Shop123456", "RunA000001");
        api.seedTest("Shop1234567", "RunB000001");
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        api.objects.put(StorageKeys.runConfig("Shop123456", "RunA000001", "us-east-1"), data, "application/json");
        api.objects.put(StorageKeys.runResults("Shop123456", "RunA000001"), data, "application/json");
        api.objects.put("public/test-scenarios/jmeter/Shop123456.jmx", data, "application/octet-stream");
        api.objects.put("public/test-scenarios/k6/Shop123456.zip", data, "application/zip");
        api.objects.put(StorageKeys.runResults("Shop1234567", "RunB000001"), data, "application/json");
        api.objects.put("public/test-scenarios/jmeter/Shop1234567.jmx", data, "application/octet-stream");

        Response response = api.call("DELETE", "/scenarios/Shop123456");

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.scenarios.find("Shop123456")).isEmpty();
        assertThat(api.runs.listAll("Shop123456")).isEmpty();
        assertThat(api.objects.snapshot().keySet()).containsExactly(
                "public/test-scenarios/jmeter/Shop1234567.jmx",
                StorageKeys.runResults("Shop1234567", "RunB000001"));
        assertThat(api.scenarios.find("Shop1234567")).isPresent();
    }

    @Test
    void delete_unknownTest_isNotFound() {
        Response response = api.call("DELETE", "/scenarios/Nope000001");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("TEST_NOT_FOUND");
    }

    @Test
    void regions_listDeployedRegionsWithTemplateUrl() {
        api.scenarios.putRegion(new dlt.core.run.RegionResources("ap-south-1", "", "", "", List.of(), "", ""));

        Response response = api.call("GET", "/regions");

        assertThat(response.json().path("regions")).extracting(r -> r.path("region").asText())
                .containsExactly("eu-west-1", "us-east-1");
        assertThat(response.json().path("regions").get(0).path("testId").asText()).isEqualTo("region-eu-west-1");
        assertThat(response.json().path("url").asText()).isEqualTo("https://example.com/regional.template");
    }

    @Test
    void vCpuDetails_computedByServerPerRegion() {
        api.tasks.setCapacity(new dlt.core.port.TaskLauncher.Capacity("us-east-1", 4000.0, 2.0, 100.0));
        api.tasks.setCapacity(new dlt.core.port.TaskLauncher.Capacity("eu-west-1", null, 2.0, 0.0));

        Response response = api.call("GET", "/vCPUDetails");

        JsonNode east = response.json().path("us-east-1");
        assertThat(east.path("vCPULimit").asInt()).isEqualTo(4000);
        assertThat(east.path("vCPUsPerTask").asInt()).isEqualTo(2);
        assertThat(east.path("vCPUsInUse").asInt()).isEqualTo(100);
        assertThat(east.path("dltTaskLimit").asInt()).isEqualTo(2000);
        assertThat(east.path("dltAvailableTasks").asInt()).isEqualTo(1950);
        JsonNode west = response.json().path("eu-west-1");
        assertThat(west.path("vCPULimit").isNull()).isTrue();
        assertThat(west.path("dltAvailableTasks").asInt()).isZero();
    }

    @Test
    void tasks_listActiveTasksPerRegion() {
        api.tasks.addTask("eu-west-1", api.task("arn:task/1", "Busy000001", "RunBusy001", "RUNNING"));
        api.tasks.addTask("eu-west-1", api.task("arn:task/2", "Busy000001", "RunBusy001", "STOPPED"));

        Response response = api.call("GET", "/tasks");

        assertThat(response.json()).hasSize(2);
        JsonNode west = response.json().get(0);
        assertThat(west.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(west.path("taskArns")).extracting(JsonNode::asText).containsExactly("arn:task/1");
    }

    @Test
    void uploadUrl_scriptName_presignsPutAtDltKey() {
        Response response = api.call("POST", "/scenarios/Script0001/upload-url", "{\"fileName\": \"plan.jmx\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("key").asText()).isEqualTo("public/test-scenarios/jmeter/Script0001.jmx");
        assertThat(response.json().path("expiresAt").asText()).isEqualTo("2026-03-01T10:15:00Z");
        String url = response.json().path("url").asText();
        assertThat(api.objects.upload(url, "application/octet-stream", new byte[] {1})).isEqualTo(200);
        assertThat(api.objects.get("public/test-scenarios/jmeter/Script0001.jmx")).isPresent();
    }

    @Test
    void uploadUrl_zipWithTestType_usesThatType() {
        Response response = api.call("POST", "/scenarios/Script0001/upload-url",
                "{\"fileName\": \"bundle.ZIP\", \"testType\": \"locust\"}");

        assertThat(response.json().path("key").asText()).isEqualTo("public/test-scenarios/locust/Script0001.zip");
    }

    @Test
    void stackInfo_fromSettings() {
        Response response = api.call("GET", "/stack-info");

        assertThat(response.json().path("region").asText()).isEqualTo("us-east-1");
        assertThat(response.json().path("version").asText()).isEqualTo("v1.0.0");
        assertThat(response.json().path("stack_id").asText()).startsWith("arn:aws:cloudformation");
        assertThat(response.json().path("is_update_available").asBoolean()).isFalse();
    }

    @Test
    void anyResponse_carriesCorsHeadersFromSettings() {
        ApiFixture local = new ApiFixture(Map.of("CORS_ALLOWED_ORIGIN", "http://127.0.0.1:8080"));

        Response ok = local.call("GET", "/stack-info");
        Response error = local.call("GET", "/nope");

        assertThat(ok.headers()).containsEntry("Access-Control-Allow-Origin", "http://127.0.0.1:8080");
        assertThat(error.headers()).containsEntry("Access-Control-Allow-Origin", "http://127.0.0.1:8080");
        assertThat(api.call("GET", "/stack-info").headers()).containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    void options_knownPath_answersPreflight() {
        Response response = api.call("OPTIONS", "/scenarios/Shop123456");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().get("Access-Control-Allow-Methods")).contains("DELETE", "GET", "POST");
    }

    @Test
    void wrongMethod_namesAllowedMethods() {
        Response response = api.call("PATCH", "/scenarios");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, POST");
    }

    @Test
    void unexpectedFailure_answersGenericInternalErrorWithoutDetails() {
        ScenarioRepository failing = (ScenarioRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ScenarioRepository.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("secret: table arn:aws:dynamodb:us-east-1:123:table/x");
                });
        Ports ports = new Ports(failing, api.runs, api.objects, api.tasks, api.canceller, api.workflows, api.schedules,
                api.liveAccess);
        ApiHandler handler = new ApiHandler(ScenarioApi.create(api.settings, ports, api.clock, () -> "Id00000001"));

        Response response = new Response(handler.handleRequest(ApiFixture.event("GET", "/scenarios", null, null),
                null));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret").doesNotContain("arn:").doesNotContain("Exception");
    }

    @Test
    void settings_missingVariable_failsNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiSettings.from(Map.of("AWS_REGION", "us-east-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VERSION");
    }

}
