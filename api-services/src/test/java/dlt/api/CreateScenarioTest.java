package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.ApiFixture.Response;
import dlt.core.port.StorageKeys;
import dlt.core.run.RunStatus;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateScenarioTest {

    private final ApiFixture api = new ApiFixture();

    @Test
    void post_newScenario_queuesRunAndStartsWorkflowWithExactInput() {
        Response response = api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("testId").asText()).isEqualTo("Shop123456");
        assertThat(response.json().path("status").asText()).isEqualTo("queued");
        String runId = response.json().path("testRunId").asText();
        assertThat(runId).isEqualTo("Id00000001");
        assertThat(response.json().path("testScenario").isObject()).isTrue();
        assertThat(api.workflows.started()).containsExactly(new StateMachineInput("Shop123456", runId, "simple",
                "none", true, 150, List.of(
                        RegionRun.of(ApiFixture.region("us-east-1"), 2, 50),
                        RegionRun.of(ApiFixture.region("eu-west-1"), 1, 10))));
        TestRun run = api.runs.find("Shop123456", runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.startTime()).isEqualTo(ApiFixture.T0);
        StoredScenario stored = api.scenarios.find("Shop123456").orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(stored.lastRunId()).isEqualTo(runId);
        assertThat(stored.totalTestRuns()).isEqualTo(1);
    }

    @Test
    void post_newScenario_writesOneRunConfigPerRegionWithThatRegionOnly() {
        api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));

        assertThat(api.objects.snapshot().keySet()).containsExactly(
                StorageKeys.runConfig("Shop123456", "Id00000001", "eu-west-1"),
                StorageKeys.runConfig("Shop123456", "Id00000001", "us-east-1"));
        byte[] config = api.objects.get(StorageKeys.runConfig("Shop123456", "Id00000001", "eu-west-1")).orElseThrow();
        Scenario regional = ScenarioJson.parse(new String(config, StandardCharsets.UTF_8));
        assertThat(regional.testTaskConfigs()).singleElement()
                .satisfies(c -> assertThat(c.region()).isEqualTo("eu-west-1"));
        assertThat(regional.testScenario()).isEqualTo(ApiFixture.scenario("Shop123456").testScenario());
    }

    @Test
    void post_withoutTestId_generatesTenCharacterId() {
        Response response = api.call("POST", "/scenarios", ApiFixture.scenarioJson(null));

        assertThat(response.status()).isEqualTo(200);
        String testId = response.json().path("testId").asText();
        assertThat(testId).matches("[A-Za-z0-9]{10}");
        assertThat(api.scenarios.find(testId)).isPresent();
    }

    @Test
    void post_saveOnly_storesCreatedAndStartsNothing() {
        ObjectNode body = (ObjectNode) ApiFixture.parse(ApiFixture.scenarioJson("Shop123456"));
        body.put("saveOnly", true);

        Response response = api.call("POST", "/scenarios", body.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("created");
        assertThat(response.json().path("testRunId").isNull()).isTrue();
        assertThat(api.scenarios.find("Shop123456").orElseThrow().status()).isEqualTo(RunStatus.CREATED);
        assertThat(api.workflows.started()).isEmpty();
        assertThat(api.runs.snapshot().count()).isZero();
        assertThat(api.objects.snapshot()).isEmpty();
    }

    @Test
    void post_existingFinishedTest_updatesItAndRunsAgain() {
        api.seedTest("Shop123456", "RunOld0001");
        String changed = ApiFixture.scenarioJson("Shop123456").replace("\"Checkout\", \"testDescription\"",
                "\"Checkout v2\", \"testDescription\"");

        Response response = api.call("POST", "/scenarios", changed);

        assertThat(response.status()).isEqualTo(200);
        StoredScenario stored = api.scenarios.find("Shop123456").orElseThrow();
        assertThat(stored.scenario().testName()).isEqualTo("Checkout v2");
        assertThat(stored.totalTestRuns()).isEqualTo(2);
        assertThat(stored.lastRunId()).isEqualTo("Id00000001");
        assertThat(api.workflows.started()).hasSize(1);
        assertThat(api.runs.listAll("Shop123456")).extracting(TestRun::testRunId)
                .containsExactlyInAnyOrder("RunOld0001", "Id00000001");
    }

    @Test
    void post_existingTestWhileActive_conflictsAndStartsNoSecondWorkflow() {
        api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));

        Response second = api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("TEST_RUNNING");
        assertThat(second.field()).isEqualTo("testId");
        assertThat(api.workflows.started()).hasSize(1);
        assertThat(api.runs.snapshot().count()).isEqualTo(1);
    }

    @Test
    void post_workflowFailsToStart_marksRunAndScenarioFailedWithReason() {
        api.workflows.failWith("state machine throttled");

        Response response = api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("WORKFLOW_START_FAILED");
        assertThat(response.body()).doesNotContain("throttled");
        TestRun run = api.runs.find("Shop123456", "Id00000001").orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorReason()).contains("workflow did not start").contains("state machine throttled");
        StoredScenario stored = api.scenarios.find("Shop123456").orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stored.errorReason()).isEqualTo(run.errorReason());
    }

    @Test
    void post_afterFailedStart_canStartAgain() {
        api.workflows.failWith("down");
        api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));
        api.workflows.succeed();

        Response again = api.call("POST", "/scenarios", ApiFixture.scenarioJson("Shop123456"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(api.workflows.started()).hasSize(1);
    }

    @Test
    void post_base64EncodedBody_isDecoded() {
        String encoded = Base64.getEncoder().encodeToString(
                ApiFixture.scenarioJson("Shop123456").getBytes(StandardCharsets.UTF_8));

        Response response = api.call(ApiFixture.event("POST", "/scenarios", null, encoded)
                .withIsBase64Encoded(true));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.workflows.started()).hasSize(1);
    }

    @Test
    void post_dltV3ConsoleBody_isAccepted() {
        String v3 = """
                {"testId": "V3test0001", "testName": "Legacy v3", "testDescription": "from the v3 console",
                 "testType": "simple", "fileType": "", "showLive": false,
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": "1", "concurrency": "5"}],
                 "regionalTaskDetails": {"us-east-1": {"vCPULimit": 4000, "vCPUsPerTask": 2, "vCPUsInUse": 0,
                                                      "dltTaskLimit": 2000, "dltAvailableTasks": 2000}},
                 "testScenario": {"execution": [{"ramp-up": "0m", "hold-for": "1m", "scenario": "Legacy v3",
                                                 "executor": "jmeter"}],
                   "scenarios": {"Legacy v3": {"requests": [{"url": "https://example.com", "method": "GET",
                                                      "headers": {}, "body": {}}]}}}}
                """;

        Response response = api.call("POST", "/scenarios", v3);

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.workflows.started()).singleElement()
                .satisfies(input -> assertThat(input.testDuration()).isEqualTo(60));
    }

    @Test
    void post_taskCountWithinServerCapacity_ignoresClientRegionalTaskDetails() {
        api.availableTasks("us-east-1", 1);
        String body = ApiFixture.scenarioJson("Shop123456").replace("\"showLive\": true,",
                "\"showLive\": true, \"regionalTaskDetails\": {\"us-east-1\": {\"dltAvailableTasks\": 999}},");

        Response response = api.call("POST", "/scenarios", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field()).isEqualTo("testTaskConfigs[0].taskCount");
        assertThat(response.json().path("message").asText()).contains("room for 1");
    }

    @Test
    void post_holdForInHours_countsItInTestDuration() {
        String body = ApiFixture.scenarioJson("Shop123456").replace("\"hold-for\": \"2m\"", "\"hold-for\": \"2h\"");

        api.call("POST", "/scenarios", body);

        assertThat(api.workflows.started()).singleElement()
                .satisfies(input -> assertThat(input.testDuration()).isEqualTo(30 + 7200));
    }
}
