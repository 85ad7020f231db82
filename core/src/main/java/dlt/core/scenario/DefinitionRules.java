package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dlt.core.validation.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code testScenario.scenarios}: per name, the requests of a simple test or a script's file name. */
final class DefinitionRules {

    private static final int MAX_REQUESTS = 100;

    private DefinitionRules() {
    }

    static Map<String, ScenarioDefinition> readAll(JsonNode node, String path, TestType testType,
            FileType fileType, Violations violations) {
        Map<String, ScenarioDefinition> definitions = new LinkedHashMap<>();
        if (node.isEmpty()) {
            violations.add(path, "at least 1 item", "needs at least one scenario");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String namePath = FieldReader.join(path, name);
            TextRules.checkName(name, namePath, violations);
            definitions.put(name, read(entry.getValue(), namePath, testType, fileType, violations));
        }
        return definitions;
    }

    private static ScenarioDefinition read(JsonNode node, String path, TestType testType, FileType fileType,
            Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        // DLT v3's console sends Taurus's "retrieve-resources" with every simple scenario.
        fields.ignore("retrieve-resources");
        List<RequestSpec> requests = readRequests(fields);
        String script = fields.string("script");
        if (testType == TestType.SIMPLE) {
            fields.require("requests");
            if (fields.has("script")) {
                fields.violation("script", "scripts are for jmeter, k6 and locust tests",
                        "is not used by a simple test; give its requests instead");
            }
        } else if (testType != null) {
            fields.require("script");
            if (fields.has("requests")) {
                fields.violation("requests", "requests are for simple tests",
                        "are not used by a " + testType.jsonValue() + " test, which runs its script");
            }
            if (script != null) {
                checkScriptName(fields, script, testType, fileType);
            }
        }
        fields.refuseUnknown();
        return new ScenarioDefinition(requests, script);
    }

    private static List<RequestSpec> readRequests(FieldReader fields) {
        ArrayNode items = fields.array("requests");
        List<RequestSpec> requests = new ArrayList<>();
        if (items == null) {
            return requests;
        }
        if (items.isEmpty() || items.size() > MAX_REQUESTS) {
            fields.violation("requests", "1.." + MAX_REQUESTS + " items",
                    "must hold 1 to " + MAX_REQUESTS + " requests, not " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            String path = fields.pathOf("requests") + "[" + i + "]";
            requests.add(RequestRules.read(items.get(i), path, fields.violations()));
        }
        return requests;
    }

    private static void checkScriptName(FieldReader fields, String script, TestType testType, FileType fileType) {
        // The name becomes part of an S3 key and a path in the worker, so it must stay one plain file name.
        if (script.isBlank() || script.length() > 255 || script.contains("/") || script.contains("\\")
                || script.contains("..") || TextRules.hasControlCharacter(script)) {
            fields.violation("script", "file name",
                    "must be a plain file name (no folders, no '..'), at most 255 characters");
            return;
        }
        String lowerCase = script.toLowerCase(Locale.ROOT);
        List<String> allowed = fileType == FileType.ZIP ? List.of(".zip") : testType.scriptExtensions();
        if (allowed.stream().noneMatch(lowerCase::endsWith)) {
            String what = fileType == FileType.ZIP ? "a zip file" : "a " + testType.jsonValue() + " script";
            fields.violation("script", "script extension",
                    "must end in " + String.join(" or ", allowed) + " for " + what);
        }
    }
}
