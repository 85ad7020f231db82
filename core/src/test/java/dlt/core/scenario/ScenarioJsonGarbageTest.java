package dlt.core.scenario;

import static dlt.core.scenario.ScenarioFixtures.json;
import static dlt.core.scenario.ScenarioFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever arrives, parsing answers with a ValidationException, never a crash. */
class ScenarioJsonGarbageTest {

    private static final List<String> GARBAGE = List.of(
            "null", "0", "-1", "1e400", "99999999999999999999999", "\"\"", "\"x\"", "true", "[]", "{}",
            "[null]", "[1, \"x\", {}]", "{\"a\": {\"b\": []}}");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "null", "[]", "\"x\"", "42", "-0.5", "true", "{", "}", "{\"a\":}", "{} {}",
        "[{\"testName\": 1}]", "\u0000", "{\"testName\": \"\\ud800\"}"})
    void parse_notAScenario_throwsOnlyValidationException(String input) {
        assertThatThrownBy(() -> ScenarioJson.parse(input)).isInstanceOf(ValidationException.class);
    }

    @Test
    void parse_deeplyNestedJson_throwsOnlyValidationException() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> ScenarioJson.parse(deep)).isInstanceOf(ValidationException.class);
    }

    @Test
    void parse_nullTree_throwsOnlyValidationException() {
        assertThatThrownBy(() -> ScenarioJson.parse((JsonNode) null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void parse_anyFieldReplacedByAnyWrongType_throwsOnlyValidationException() {
        ObjectNode original = load("extended.json");
        original.set("cronValue", json("\"0 2 * * *\""));
        List<String> pointers = new ArrayList<>();
        collectPointers(original, "", pointers);
        assertThat(pointers).hasSizeGreaterThan(50);

        for (String pointer : pointers) {
            for (String garbage : GARBAGE) {
                ObjectNode broken = original.deepCopy();
                replace(broken, pointer, json(garbage));
                assertThatCode(() -> parseIgnoringValidation(broken))
                        .as("%s = %s", pointer, garbage)
                        .doesNotThrowAnyException();
            }
        }
    }

    private static void parseIgnoringValidation(JsonNode scenario) {
        try {
            ScenarioJson.parse(scenario.toString());
        } catch (ValidationException expected) {
            assertThat(expected.violations()).isNotEmpty();
        }
    }

    private static void collectPointers(JsonNode node, String pointer, List<String> pointers) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                pointers.add(child);
                collectPointers(field.getValue(), child, pointers);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                pointers.add(pointer + "/" + i);
                collectPointers(array.get(i), pointer + "/" + i, pointers);
            }
        }
    }

    private static void replace(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        ContainerNode<?> parent = (ContainerNode<?>) root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }
}
