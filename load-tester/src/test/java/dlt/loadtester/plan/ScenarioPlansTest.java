package dlt.loadtester.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import dlt.loadtester.http.RequestEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioPlansTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ScenarioPlans.RunSettings US_EAST = settings("us-east-1");

    @Test
    void plan_closedScenario_usesPerTaskConcurrencyOfTheRegion() {
        Scenario scenario = ScenarioJson.parse("""
                {"testName": "Closed", "testDescription": "a test", "testType": "simple",
                 "testTaskConfigs": [{"region": "eu-west-1", "taskCount": 2, "concurrency": 7},
                                     {"region": "us-east-1", "taskCount": 3, "concurrency": 25}],
                 "testScenario": {
                   "execution": [{"ramp-up": "10s", "hold-for": "1m", "think-time": "250ms", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [{"url": "http://127.0.0.1:8080/a", "label": "home"},
                                                    {"url": "http://127.0.0.1:8080/b", "method": "post", "body": {"k": 1}}]}}}}
                """);

        LoadPlan plan = ScenarioPlans.plan(scenario, US_EAST);

        LoadModel.Closed model = (LoadModel.Closed) plan.model();
        assertThat(model.users()).isEqualTo(25);
        assertThat(model.rampUpNanos()).isEqualTo(10 * SECOND);
        assertThat(model.holdForNanos()).isEqualTo(60 * SECOND);
        assertThat(model.thinkTimeNanos()).isEqualTo(SECOND / 4);
        assertThat(plan.warmUpNanos()).isEqualTo(2 * SECOND);
        assertThat(plan.steps()).extracting(Step::label).containsExactly("home", "POST http://127.0.0.1:8080/b");
        assertThat(plan.steps().get(1).body()).isEqualTo("{\"k\":1}");
        assertThat(plan.steps().get(0).endpoint().port()).isEqualTo(8080);
        assertThat(ScenarioPlans.plan(scenario, settings("eu-west-1")).model()).isInstanceOfSatisfying(LoadModel.Closed.class,
                c -> assertThat(c.users()).isEqualTo(7));
    }

    @Test
    void plan_regionWithoutTaskConfig_refused() {
        Scenario scenario = ScenarioJson.parse(minimal("\"hold-for\": \"10s\""));

        assertThatThrownBy(() -> ScenarioPlans.plan(scenario, settings("ap-south-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ap-south-1");
    }

    @Test
    void plan_openScenarioWithStages_scheduleFollowsStagesThenHold() {
        Scenario scenario = ScenarioJson.parse("""
                {"testName": "Open", "testDescription": "a test", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 40}],
                 "testScenario": {
                   "execution": [{"scenario": "flow", "arrival-rate": 10, "hold-for": "5s", "warm-up": "0s",
                                  "stages": [{"duration": "10s", "target": 50}, {"duration": "20s", "target": 20}]}],
                   "scenarios": {"flow": {"requests": [{"url": "https://api.example.com/x"}]}}}}
                """);

        LoadPlan plan = ScenarioPlans.plan(scenario, US_EAST);

        LoadModel.Open model = (LoadModel.Open) plan.model();
        assertThat(model.maxInFlight()).isEqualTo(40);
        assertThat(model.schedule().segments()).containsExactly(
                new ArrivalSchedule.Segment(10 * SECOND, 10, 50),
                new ArrivalSchedule.Segment(20 * SECOND, 50, 20),
                new ArrivalSchedule.Segment(5 * SECOND, 20, 20));
        assertThat(model.schedule().totalArrivals()).isEqualTo(300 + 700 + 100);
        assertThat(plan.warmUpNanos()).isZero();
        assertThat(plan.steps().getFirst().endpoint().tls()).isTrue();
    }

    @Test
    void plan_openScenarioWithRateOnly_rampsThenHolds() {
        Scenario scenario = ScenarioJson.parse(minimal("\"arrival-rate\": 100, \"ramp-up\": \"2s\", \"hold-for\": \"3s\""));

        LoadModel.Open model = (LoadModel.Open) ScenarioPlans.plan(scenario, US_EAST).model();

        assertThat(model.schedule().durationNanos()).isEqualTo(5 * SECOND);
        assertThat(model.schedule().totalArrivals()).isEqualTo(100 + 300);
        assertThat(model.maxInFlight()).isEqualTo(3);
    }

    @Test
    void plan_checksAndExtract_carriedIntoSteps() {
        Scenario scenario = ScenarioJson.parse("""
                {"testName": "Login", "testDescription": "a test", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 1}],
                 "testScenario": {
                   "execution": [{"hold-for": "10s", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [
                     {"url": "http://127.0.0.1:9/login", "method": "POST", "label": "login",
                      "checks": {"status": [200, 201], "bodyContains": "token"},
                      "extract": {"token": {"regex": "\\"token\\":\\"([^\\"]+)\\""}, "session": {"header": "X-Session"}}},
                     {"url": "http://127.0.0.1:9/me", "headers": {"Authorization": "Bearer ${token}"}}]}}}}
                """);

        List<Step> steps = ScenarioPlans.plan(scenario, US_EAST).steps();

        Step login = steps.get(0);
        assertThat(login.expectedStatuses()).containsExactly(200, 201);
        assertThat(login.bodyContains()).isEqualTo("token");
        assertThat(login.needsBody()).isTrue();
        assertThat(login.capturedHeader()).isEqualTo("X-Session");
        assertThat(login.extractions()).extracting(Step.Extraction::name).containsExactly("token", "session");
        assertThat(steps.get(1).usesVariables()).isTrue();
        String me = new String(RequestEncoder.encode(steps.get(1), Map.of("token", "abc")), StandardCharsets.UTF_8);
        assertThat(me).contains("Authorization: Bearer abc\r\n");
    }

    @Test
    void plan_variableInUrl_substitutedWhenSent() {
        Scenario scenario = ScenarioJson.parse("""
                {"testName": "Vars", "testDescription": "a test", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 1}],
                 "testScenario": {
                   "execution": [{"hold-for": "10s", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [{"url": "http://127.0.0.1:9/users/${id}?q=${id}"}]}}}}
                """);

        Step step = ScenarioPlans.plan(scenario, US_EAST).steps().getFirst();

        String request = new String(RequestEncoder.encode(step, Map.of("id", "42")), StandardCharsets.UTF_8);
        assertThat(request).startsWith("GET /users/42?q=42 HTTP/1.1\r\n");
    }

    @Test
    void plan_scriptTestType_refused() {
        Scenario scenario = ScenarioJson.parse("""
                {"testName": "K6 test", "testDescription": "a test", "testType": "k6", "fileType": "script",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 1}],
                 "testScenario": {"execution": [{"hold-for": "10s", "scenario": "flow"}],
                                  "scenarios": {"flow": {"script": "test.js"}}}}
                """);

        assertThatThrownBy(() -> ScenarioPlans.plan(scenario, US_EAST)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k6");
    }

    private static String minimal(String execution) {
        return """
                {"testName": "Minimal", "testDescription": "a test", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 3}],
                 "testScenario": {"execution": [{"scenario": "flow", %s}],
                                  "scenarios": {"flow": {"requests": [{"url": "http://127.0.0.1:9/"}]}}}}
                """.formatted(execution);
    }

    private static ScenarioPlans.RunSettings settings(String region) {
        return new ScenarioPlans.RunSettings(LoadPlan.RunIdentity.standalone(), region, 2 * SECOND,
                LoadPlan.DEFAULT_CONNECT_TIMEOUT_NANOS, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false);
    }
}
