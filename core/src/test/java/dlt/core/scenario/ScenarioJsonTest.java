package dlt.core.scenario;

import static dlt.core.scenario.ScenarioFixtures.firstExecution;
import static dlt.core.scenario.ScenarioFixtures.firstRequest;
import static dlt.core.scenario.ScenarioFixtures.firstTaskConfig;
import static dlt.core.scenario.ScenarioFixtures.json;
import static dlt.core.scenario.ScenarioFixtures.minimal;
import static dlt.core.scenario.ScenarioFixtures.text;
import static dlt.core.scenario.ScenarioFixtures.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.time.DltDuration;
import dlt.core.validation.ValidationException;
import dlt.core.validation.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioJsonTest {

    @Test
    void parse_dltV4ConsolePayload_keepsEverythingDltMeant() {
        Scenario scenario = ScenarioJson.parse(text("v4-console-simple.json"));

        assertThat(scenario.testId()).isEqualTo("Ab3dE12345");
        assertThat(scenario.testType()).isEqualTo(TestType.SIMPLE);
        assertThat(scenario.fileType()).isEqualTo(FileType.NONE);
        assertThat(scenario.showLive()).isTrue();
        assertThat(scenario.testTaskConfigs()).containsExactly(
                new TaskConfig("us-east-1", 5, 100), new TaskConfig("eu-west-1", 2, 50));
        assertThat(scenario.tags()).containsExactly("checkout", "nightly");
        assertThat(scenario.schedule()).isEqualTo(
                new Schedule(null, null, "daily", "0 2 * * 1-5", "2030-12-31", "Europe/Paris"));
        Execution execution = scenario.testScenario().execution().getFirst();
        assertThat(execution.testDuration()).isEqualTo(DltDuration.parse("121m"));
        RequestSpec request = scenario.testScenario().scenarios().get("Checkout API").requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("{\"cart\": 42}");
        assertThat(request.headers()).containsEntry("Content-Type", "application/json");
        assertThat(request.effectiveLabel()).isEqualTo("POST https://shop.example.com/api/checkout");
    }

    @Test
    void parse_dltV3ConsolePayload_acceptsItsOldShapes() {
        Scenario scenario = ScenarioJson.parse(text("v3-console-simple.json"));

        assertThat(scenario.fileType()).isEqualTo(FileType.NONE);
        assertThat(scenario.testTaskConfigs()).containsExactly(new TaskConfig("us-west-2", 1, 10));
        assertThat(scenario.schedule()).isNull();
        Execution execution = scenario.testScenario().execution().getFirst();
        assertThat(execution.executor()).isEqualTo("jmeter");
        assertThat(execution.testDuration().toSeconds()).isEqualTo(330);
        RequestSpec request = scenario.testScenario().scenarios().get("Legacy homepage").requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("{\"user\":\"load\",\"password\":\"test\"}");
    }

    @Test
    void parse_extensions_readsOpenModelChecksExtractAndThresholds() {
        Scenario scenario = ScenarioJson.parse(text("extended.json"));

        Execution execution = scenario.testScenario().execution().getFirst();
        assertThat(execution.holdFor()).isNull();
        assertThat(execution.arrivalRate()).isEqualTo(10.0);
        assertThat(execution.stages()).containsExactly(
                new Stage(DltDuration.parse("30s"), 200), new Stage(DltDuration.parse("1m"), 2.5));
        assertThat(execution.testDuration()).isEqualTo(DltDuration.parse("90s"));
        assertThat(execution.thinkTime()).isEqualTo(DltDuration.ofMillis(500));
        List<RequestSpec> requests = scenario.testScenario().scenarios().get("login flow").requests();
        assertThat(requests.get(0).checks()).isEqualTo(new Checks(List.of(200, 201), "token"));
        assertThat(requests.get(0).extract()).containsExactly(
                Map.entry("token", new Extract("\"token\":\"([^\"]+)\"", null)),
                Map.entry("session", new Extract(null, "X-Session")));
        assertThat(requests.get(0).effectiveLabel()).isEqualTo("login");
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(scenario.testScenario().thresholds())
                .containsEntry("response_time", List.of("p(95)<300ms", "p(99)<1s"))
                .containsKey("response_time{label:login}");
        assertThat(scenario.tags()).containsExactly("auth");
        assertThat(scenario.saveOnly()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4-console-simple.json", "v3-console-simple.json", "extended.json"})
    void toJson_anyValidScenario_parsesBackEqual(String fixture) {
        Scenario scenario = ScenarioJson.parse(text(fixture));

        assertThat(ScenarioJson.parse(ScenarioJson.toJson(scenario))).isEqualTo(scenario);
    }

    @Test
    void toJson_v3Payload_writesDltV4Shapes() {
        JsonNode written = json(ScenarioJson.toJson(ScenarioJson.parse(text("v3-console-simple.json"))));

        assertThat(written.at("/testTaskConfigs/0/taskCount").isInt()).isTrue();
        assertThat(written.at("/testScenario/scenarios/Legacy homepage/requests/0/body").isTextual()).isTrue();
        assertThat(written.at("/testScenario/execution/0/hold-for").textValue()).isEqualTo("5m");
        assertThat(written.has("regionalTaskDetails")).isFalse();
    }

    @Test
    void parse_hourAndDayDurations_countInTestDuration() {
        ObjectNode scenario = minimal();
        firstExecution(scenario).put("ramp-up", "1h").put("hold-for", "1d");

        assertThat(ScenarioJson.parse(scenario.toString()).testScenario().testDuration().toSeconds())
                .isEqualTo(25 * 3600);
    }

    @Test
    void parse_optionalFieldsNull_treatsThemAsAbsent() {
        ObjectNode scenario = minimal();
        scenario.putNull("testId").putNull("showLive").putNull("tags").putNull("fileType");
        firstRequest(scenario).putNull("method").putNull("body").putNull("headers");

        Scenario parsed = ScenarioJson.parse(scenario.toString());

        assertThat(parsed.testId()).isNull();
        assertThat(parsed.fileType()).isEqualTo(FileType.NONE);
        assertThat(parsed.testScenario().scenarios().get("Smoke").requests().getFirst().method()).isEqualTo("GET");
    }

    @Test
    void parse_severalProblems_reportsAllOfThemAtOnce() {
        ObjectNode scenario = minimal();
        scenario.put("testName", "x");
        firstTaskConfig(scenario).put("region", "moon");
        firstExecution(scenario).put("hold-for", "3 weeks");
        firstRequest(scenario).put("method", "FETCH");

        assertThatThrownBy(() -> ScenarioJson.parse(scenario.toString()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                            "testName",
                            "testTaskConfigs[0].region",
                            "testScenario.execution[0].hold-for",
                            "testScenario.scenarios.Smoke.requests[0].method");
                    assertThat(e.getMessage()).contains("testName", "hold-for", "method");
                });
    }

    @Test
    void parse_dltFieldsWeDoNotUse_areAcceptedAndIgnored() {
        ObjectNode scenario = minimal();
        scenario.set("regionalTaskDetails", json("{\"us-east-1\": {\"dltAvailableTasks\": 10}}"));
        scenario.put("scheduleStep", "start").put("healthyThreshold", 90).put("executor", "jmeter");
        scenario.set("reporting", json("[{\"module\": \"final-stats\"}]"));
        scenario.set("eventBridge", json("\"x\""));
        ((ObjectNode) scenario.get("testScenario")).set("reporting", json("[]"));

        assertThat(ScenarioJson.parse(scenario.toString())).isEqualTo(ScenarioJson.parse(minimal().toString()));
    }

    @Test
    void parse_unknownField_isRefusedWithItsPath() {
        ObjectNode scenario = minimal();
        scenario.put("testNmae", "typo");

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("testNmae", "unknown field"));
    }

    @Test
    void parse_malformedJson_reportsOneValidJsonViolation() {
        assertThat(violationsOf("{\"testName\": ")).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("", "valid JSON"));
    }

    @Test
    void parse_duplicateKey_isMalformedJson() {
        assertThat(violationsOf("{\"testName\": \"abc\", \"testName\": \"def\"}"))
                .extracting(Violation::rule).containsExactly("valid JSON");
    }
}
