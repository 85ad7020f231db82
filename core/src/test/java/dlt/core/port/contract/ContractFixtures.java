package dlt.core.port.contract;

import dlt.core.run.RegionResources;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import java.time.Instant;
import java.util.List;

/** Valid values for port tests: scenarios, runs and region rows. */
public final class ContractFixtures {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");

    private ContractFixtures() {
    }

    public static Scenario scenario(String testId) {
        return ScenarioJson.parse("""
                {"testId": "%s", "testName": "Checkout", "testDescription": "buys one thing", "testType": "simple",
                 "showLive": true, "tags": ["shop", "nightly"],
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 50},
                                     {"region": "eu-west-1", "taskCount": 1, "concurrency": 10}],
                 "testScenario": {
                   "execution": [{"ramp-up": "30s", "hold-for": "2m", "scenario": "Checkout"}],
                   "scenarios": {"Checkout": {"requests": [
                     {"url": "https://shop.example.com/cart", "method": "POST",
                      "headers": {"Content-Type": "application/json"}, "body": "{\\"sku\\": 1}"}]}},
                   "thresholds": {"response_time": ["p(95)<300ms"]}}}
                """.formatted(testId));
    }

    public static StoredScenario stored(String testId) {
        return StoredScenario.created(scenario(testId), T0);
    }

    public static TestRun run(String testId, String testRunId, Instant startTime) {
        return TestRun.queued(scenario(testId), testRunId, startTime);
    }

    public static RegionResources region(String name) {
        return new RegionResources(name, "dlt-cluster-" + name, "arn:aws:ecs:" + name + ":123456789012:task-definition/dlt:3",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/dlt-load-tester:latest", List.of("subnet-a", "subnet-b"),
                "sg-123", "/dlt/ecs/" + name);
    }
}
