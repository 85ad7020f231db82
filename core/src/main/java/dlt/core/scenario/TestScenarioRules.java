package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dlt.core.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code testScenario}: executions, the scenarios they name, and thresholds. */
final class TestScenarioRules {

    private TestScenarioRules() {
    }

    static TestScenario read(JsonNode node, String path, TestType testType, FileType fileType,
            Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        // DLT overwrites reporting with its own settings; we report our own way.
        fields.ignore("reporting");
        fields.require("execution", "scenarios");
        List<Execution> executions = readExecutions(fields, testType);
        JsonNode scenariosNode = fields.object("scenarios");
        Map<String, ScenarioDefinition> scenarios = scenariosNode == null
                ? Map.of()
                : DefinitionRules.readAll(scenariosNode, fields.pathOf("scenarios"), testType, fileType, violations);
        if (scenariosNode != null) {
            checkExecutionsNameScenarios(fields, executions, scenarios);
        }
        JsonNode thresholdsNode = fields.object("thresholds");
        Map<String, List<String>> thresholds = thresholdsNode == null
                ? Map.of()
                : ThresholdShapeRules.read(thresholdsNode, fields.pathOf("thresholds"), violations);
        fields.refuseUnknown();
        return new TestScenario(executions, scenarios, thresholds);
    }

    private static List<Execution> readExecutions(FieldReader fields, TestType testType) {
        ArrayNode items = fields.array("execution");
        List<Execution> executions = new ArrayList<>();
        if (items == null) {
            return executions;
        }
        if (items.isEmpty()) {
            fields.violation("execution", "at least 1 item", "needs at least one execution");
        }
        for (int i = 0; i < items.size(); i++) {
            String path = fields.pathOf("execution") + "[" + i + "]";
            executions.add(ExecutionRules.read(items.get(i), path, testType, fields.violations()));
        }
        return executions;
    }

    private static void checkExecutionsNameScenarios(FieldReader fields, List<Execution> executions,
            Map<String, ScenarioDefinition> scenarios) {
        for (int i = 0; i < executions.size(); i++) {
            String name = executions.get(i).scenario();
            if (name != null && !scenarios.containsKey(name)) {
                fields.violations().add(fields.pathOf("execution") + "[" + i + "].scenario", "known scenario",
                        "names no scenario in testScenario.scenarios");
            }
        }
    }
}
