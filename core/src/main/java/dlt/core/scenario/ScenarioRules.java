package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dlt.core.validation.Violations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The top level of a POST /scenarios body (DLT v4's zod schema and ARCHITECTURE §4). */
final class ScenarioRules {

    private static final Pattern TEST_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final int MAX_TAGS = 5;

    /** DLT fields we accept so DLT's consoles and scripts keep working, and do not use. */
    private static final String[] DLT_FIELDS_IGNORED = {
        "regionalTaskDetails", "scheduleStep", "healthyThreshold", "executor", "reporting", "eventBridge"
    };

    private ScenarioRules() {
    }

    static Scenario read(JsonNode root, Violations violations) {
        FieldReader fields = FieldReader.of(root, "", violations);
        fields.ignore(DLT_FIELDS_IGNORED);
        fields.require("testName", "testDescription", "testType", "testTaskConfigs", "testScenario");

        String testId = fields.string("testId");
        if (testId != null && !TEST_ID.matcher(testId).matches()) {
            fields.violation("testId", "pattern [A-Za-z0-9-]{1,128}",
                    "must be 1 to 128 letters, digits or hyphens");
        }
        String testName = fields.string("testName");
        if (testName != null) {
            TextRules.checkName(testName, "testName", violations);
        }
        String testDescription = fields.string("testDescription");
        if (testDescription != null) {
            TextRules.checkLength(testDescription, 3, 60_000, "testDescription", violations);
        }
        TestType testType = readTestType(fields);
        FileType fileType = readFileType(fields, testType);
        List<TaskConfig> taskConfigs = readTaskConfigs(fields);
        JsonNode testScenarioNode = fields.node("testScenario");
        TestScenario testScenario = testScenarioNode == null
                ? new TestScenario(List.of(), null, null)
                : TestScenarioRules.read(testScenarioNode, "testScenario", testType, fileType, violations);
        boolean showLive = Boolean.TRUE.equals(fields.bool("showLive"));
        Schedule schedule = ScheduleRules.read(fields);
        List<String> tags = readTags(fields);
        boolean saveOnly = Boolean.TRUE.equals(fields.bool("saveOnly"));
        boolean runNow = Boolean.TRUE.equals(fields.bool("runNow"));
        fields.refuseUnknown();
        return new Scenario(testId, testName, testDescription, testType, fileType, taskConfigs, testScenario,
                showLive, schedule, tags, saveOnly, runNow);
    }

    private static TestType readTestType(FieldReader fields) {
        String text = fields.string("testType");
        if (text == null) {
            return null;
        }
        TestType type = TestType.fromJson(text).orElse(null);
        if (type == null) {
            fields.violation("testType", "one of simple|jmeter|k6|locust", "must be simple, jmeter, k6 or locust");
        }
        return type;
    }

    private static FileType readFileType(FieldReader fields, TestType testType) {
        String text = fields.string("fileType");
        // DLT v3's console sends "" for simple tests.
        if (text == null || text.isEmpty()) {
            return FileType.NONE;
        }
        FileType type = FileType.fromJson(text).orElse(null);
        if (type == null) {
            fields.violation("fileType", "one of none|script|zip", "must be none, script or zip");
            return null;
        }
        if (testType == TestType.SIMPLE && type != FileType.NONE) {
            fields.violation("fileType", "none for simple tests",
                    "must be none for a simple test, which has no script file");
        }
        return type;
    }

    private static List<TaskConfig> readTaskConfigs(FieldReader fields) {
        ArrayNode configs = fields.array("testTaskConfigs");
        List<TaskConfig> result = new ArrayList<>();
        if (configs == null) {
            return result;
        }
        if (configs.isEmpty()) {
            fields.violation("testTaskConfigs", "at least 1 item", "needs at least one region");
        }
        Set<String> regions = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            String path = fields.pathOf("testTaskConfigs") + "[" + i + "]";
            TaskConfig config = TaskConfigRules.read(configs.get(i), path, fields.violations());
            if (config.region() != null && !regions.add(config.region())) {
                fields.violations().add(path + ".region", "unique",
                        "appears twice; give each region once, with its task count");
            }
            result.add(config);
        }
        return result;
    }

    private static List<String> readTags(FieldReader fields) {
        ArrayNode tags = fields.array("tags");
        List<String> result = new ArrayList<>();
        if (tags == null) {
            return result;
        }
        if (tags.size() > MAX_TAGS) {
            fields.violation("tags", "at most " + MAX_TAGS + " items", "may hold at most 5 tags, not " + tags.size());
        }
        for (int i = 0; i < tags.size(); i++) {
            String path = fields.pathOf("tags") + "[" + i + "]";
            JsonNode tag = tags.get(i);
            if (!tag.isTextual()) {
                fields.violations().add(path, "type string", "must be a string, not " + FieldReader.typeName(tag));
                continue;
            }
            String trimmed = tag.textValue().strip();
            if (!TextRules.checkLength(trimmed, 1, 50, path, fields.violations())) {
                continue;
            }
            if (result.contains(trimmed)) {
                fields.violations().add(path, "unique", "repeats the tag \"" + trimmed + "\"");
                continue;
            }
            result.add(trimmed);
        }
        return result;
    }
}
