package dlt.core.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.time.DltDuration;
import java.util.List;
import java.util.Map;

/** Writes a scenario in DLT's JSON shape; optional values that are absent are left out. */
final class ScenarioWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScenarioWriter() {
    }

    static ObjectNode write(Scenario scenario) {
        ObjectNode root = NODES.objectNode();
        putIfPresent(root, "testId", scenario.testId());
        root.put("testName", scenario.testName());
        root.put("testDescription", scenario.testDescription());
        root.put("testType", scenario.testType() == null ? null : scenario.testType().jsonValue());
        root.put("fileType", scenario.fileType() == null ? null : scenario.fileType().jsonValue());
        root.put("showLive", scenario.showLive());
        ArrayNode configs = root.putArray("testTaskConfigs");
        for (TaskConfig config : scenario.testTaskConfigs()) {
            configs.addObject()
                    .put("region", config.region())
                    .put("taskCount", config.taskCount())
                    .put("concurrency", config.concurrency());
        }
        if (scenario.testScenario() != null) {
            root.set("testScenario", writeTestScenario(scenario.testScenario()));
        }
        Schedule schedule = scenario.schedule();
        if (schedule != null) {
            putIfPresent(root, "scheduleDate", schedule.scheduleDate());
            putIfPresent(root, "scheduleTime", schedule.scheduleTime());
            putIfPresent(root, "recurrence", schedule.recurrence());
            putIfPresent(root, "cronValue", schedule.cronValue());
            putIfPresent(root, "cronExpiryDate", schedule.cronExpiryDate());
            putIfPresent(root, "scheduleTimezone", schedule.scheduleTimezone());
        }
        if (!scenario.tags().isEmpty()) {
            ArrayNode tags = root.putArray("tags");
            scenario.tags().forEach(tags::add);
        }
        if (scenario.saveOnly()) {
            root.put("saveOnly", true);
        }
        if (scenario.runNow()) {
            root.put("runNow", true);
        }
        return root;
    }

    private static ObjectNode writeTestScenario(TestScenario testScenario) {
        ObjectNode node = NODES.objectNode();
        ArrayNode executions = node.putArray("execution");
        testScenario.execution().forEach(execution -> executions.add(writeExecution(execution)));
        ObjectNode scenarios = node.putObject("scenarios");
        testScenario.scenarios().forEach((name, definition) -> scenarios.set(name, writeDefinition(definition)));
        if (!testScenario.thresholds().isEmpty()) {
            ObjectNode thresholds = node.putObject("thresholds");
            testScenario.thresholds().forEach((metric, expressions) -> {
                ArrayNode list = thresholds.putArray(metric);
                expressions.forEach(list::add);
            });
        }
        return node;
    }

    private static ObjectNode writeExecution(Execution execution) {
        ObjectNode node = NODES.objectNode();
        putIfPresent(node, "ramp-up", execution.rampUp());
        putIfPresent(node, "hold-for", execution.holdFor());
        putIfPresent(node, "scenario", execution.scenario());
        if (execution.concurrency() != null) {
            node.put("concurrency", execution.concurrency());
        }
        if (execution.arrivalRate() != null) {
            putNumber(node, "arrival-rate", execution.arrivalRate());
        }
        if (!execution.stages().isEmpty()) {
            ArrayNode stages = node.putArray("stages");
            for (Stage stage : execution.stages()) {
                ObjectNode stageNode = stages.addObject().put("duration", stage.duration().toString());
                putNumber(stageNode, "target", stage.target());
            }
        }
        putIfPresent(node, "think-time", execution.thinkTime());
        putIfPresent(node, "warm-up", execution.warmUp());
        if (execution.taskCount() != null) {
            node.put("taskCount", execution.taskCount());
        }
        putIfPresent(node, "executor", execution.executor());
        return node;
    }

    private static ObjectNode writeDefinition(ScenarioDefinition definition) {
        ObjectNode node = NODES.objectNode();
        if (!definition.requests().isEmpty()) {
            ArrayNode requests = node.putArray("requests");
            definition.requests().forEach(request -> requests.add(writeRequest(request)));
        }
        putIfPresent(node, "script", definition.script());
        return node;
    }

    private static ObjectNode writeRequest(RequestSpec request) {
        ObjectNode node = NODES.objectNode();
        node.put("url", request.url());
        node.put("method", request.method());
        if (!request.headers().isEmpty()) {
            ObjectNode headers = node.putObject("headers");
            request.headers().forEach(headers::put);
        }
        putIfPresent(node, "body", request.body());
        putIfPresent(node, "label", request.label());
        if (request.checks() != null) {
            ObjectNode checks = node.putObject("checks");
            List<Integer> statuses = request.checks().status();
            if (!statuses.isEmpty()) {
                ArrayNode status = checks.putArray("status");
                statuses.forEach(status::add);
            }
            putIfPresent(checks, "bodyContains", request.checks().bodyContains());
        }
        if (!request.extract().isEmpty()) {
            ObjectNode extracts = node.putObject("extract");
            for (Map.Entry<String, Extract> entry : request.extract().entrySet()) {
                ObjectNode extract = extracts.putObject(entry.getKey());
                putIfPresent(extract, "regex", entry.getValue().regex());
                putIfPresent(extract, "header", entry.getValue().header());
            }
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String key, Object value) {
        if (value != null) {
            node.put(key, value instanceof DltDuration duration ? duration.toString() : value.toString());
        }
    }

    /** Whole numbers are written without ".0", as people write them. */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }
}
