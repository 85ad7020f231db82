package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dlt.core.validation.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code testScenario.thresholds}: metric key to a non-empty list of expressions.
 * The expressions themselves are parsed by {@code dlt.core.threshold}.
 */
final class ThresholdShapeRules {

    private ThresholdShapeRules() {
    }

    static Map<String, List<String>> read(JsonNode node, String path, Violations violations) {
        Map<String, List<String>> thresholds = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String metricPath = FieldReader.join(path, entry.getKey());
            if (entry.getKey().isBlank()) {
                violations.add(metricPath, "metric key", "must name a metric such as response_time");
            }
            JsonNode expressions = entry.getValue();
            if (!expressions.isArray()) {
                violations.add(metricPath, "type array",
                        "must be an array of expressions such as [\"p(95)<300ms\"], not "
                                + FieldReader.typeName(expressions));
                continue;
            }
            if (expressions.isEmpty()) {
                violations.add(metricPath, "at least 1 item", "needs at least one expression");
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < expressions.size(); i++) {
                JsonNode expression = expressions.get(i);
                String itemPath = metricPath + "[" + i + "]";
                if (!expression.isTextual()) {
                    violations.add(itemPath, "type string", "must be a string, not " + FieldReader.typeName(expression));
                } else if (expression.textValue().isBlank()) {
                    violations.add(itemPath, "not empty", "must not be empty");
                } else {
                    texts.add(expression.textValue());
                }
            }
            thresholds.put(entry.getKey(), texts);
        }
        return thresholds;
    }
}
