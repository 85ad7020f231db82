package dlt.core.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.validation.ValidationException;
import dlt.core.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON fixtures from src/test/resources/scenarios, and a way to see what parsing one refuses. */
final class ScenarioFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ScenarioFixtures() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = ScenarioFixtures.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return load(name).toString();
    }

    /** The smallest valid simple scenario, for tests to break one field at a time. */
    static ObjectNode minimal() {
        return (ObjectNode) json("""
                {"testName": "Smoke", "testDescription": "one request", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 1}],
                 "testScenario": {
                   "execution": [{"ramp-up": "0s", "hold-for": "10s", "scenario": "Smoke"}],
                   "scenarios": {"Smoke": {"requests": [{"url": "https://example.com/"}]}}}}
                """);
    }

    /** The smallest valid script scenario of the given type. */
    static ObjectNode minimalScript(String testType, String script) {
        ObjectNode scenario = minimal();
        scenario.put("testType", testType);
        scenario.put("fileType", script.endsWith(".zip") ? "zip" : "script");
        ((ObjectNode) scenario.at("/testScenario/scenarios")).set("Smoke", json("{\"script\": \"" + script + "\"}"));
        return scenario;
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode firstRequest(ObjectNode scenario) {
        return (ObjectNode) scenario.at("/testScenario/scenarios/Smoke/requests/0");
    }

    static ObjectNode firstExecution(ObjectNode scenario) {
        return (ObjectNode) scenario.at("/testScenario/execution/0");
    }

    static ObjectNode firstTaskConfig(ObjectNode scenario) {
        return (ObjectNode) scenario.at("/testTaskConfigs/0");
    }

    static List<Violation> violationsOf(JsonNode scenario) {
        return violationsOf(scenario.toString());
    }

    static List<Violation> violationsOf(String json) {
        ValidationException[] caught = new ValidationException[1];
        assertThatThrownBy(() -> ScenarioJson.parse(json))
                .isInstanceOfSatisfying(ValidationException.class, e -> caught[0] = e);
        return caught[0].violations();
    }
}
