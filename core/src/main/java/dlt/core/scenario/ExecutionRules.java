package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dlt.core.time.DltDuration;
import dlt.core.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One {@code testScenario.execution} item: the load profile. */
final class ExecutionRules {

    private static final Set<String> EXECUTORS = Set.of("jmeter", "k6", "locust");

    private ExecutionRules() {
    }

    static Execution read(JsonNode node, String path, TestType testType, Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        fields.require("scenario");
        DltDuration rampUp = fields.duration("ramp-up");
        DltDuration holdFor = fields.duration("hold-for");
        if (holdFor != null && holdFor.isZero()) {
            fields.violation("hold-for", "greater than 0", "must be longer than 0");
        }
        String scenario = fields.string("scenario");
        Integer concurrency = fields.integer("concurrency", 1, TaskConfigRules.MAX_CONCURRENCY);
        Double arrivalRate = fields.number("arrival-rate");
        if (arrivalRate != null && arrivalRate <= 0) {
            fields.violation("arrival-rate", "greater than 0",
                    "must be more than 0 requests per second (leave it out to start stages from 0)");
        }
        ArrayNode stageNodes = fields.array("stages");
        List<Stage> stages = readStages(stageNodes, fields.pathOf("stages"), violations);
        if (!fields.has("hold-for") && !fields.has("stages")) {
            fields.violation("hold-for", "required", "is required unless stages are given");
        }
        DltDuration thinkTime = fields.duration("think-time");
        DltDuration warmUp = fields.duration("warm-up");
        Integer taskCount = fields.integer("taskCount", 1, TaskConfigRules.MAX_TASK_COUNT);
        String executor = readExecutor(fields, testType);
        fields.refuseUnknown();
        return new Execution(rampUp, holdFor, scenario, concurrency, arrivalRate, stages, thinkTime, warmUp,
                taskCount, executor);
    }

    private static List<Stage> readStages(ArrayNode nodes, String path, Violations violations) {
        List<Stage> stages = new ArrayList<>();
        if (nodes == null) {
            return stages;
        }
        if (nodes.isEmpty()) {
            violations.add(path, "at least 1 item", "needs at least one stage when given");
        }
        for (int i = 0; i < nodes.size(); i++) {
            FieldReader fields = FieldReader.of(nodes.get(i), path + "[" + i + "]", violations);
            fields.require("duration", "target");
            DltDuration duration = fields.duration("duration");
            if (duration != null && duration.isZero()) {
                fields.violation("duration", "greater than 0", "must be longer than 0");
            }
            Double target = fields.number("target");
            if (target != null && target < 0) {
                fields.violation("target", "at least 0", "must be 0 or more requests per second");
            }
            fields.refuseUnknown();
            stages.add(new Stage(duration == null ? DltDuration.ZERO : duration, target == null ? 0 : target));
        }
        return stages;
    }

    private static String readExecutor(FieldReader fields, TestType testType) {
        String executor = fields.string("executor");
        if (executor == null) {
            return null;
        }
        if (!EXECUTORS.contains(executor)) {
            fields.violation("executor", "one of jmeter|k6|locust", "must be jmeter, k6 or locust");
        } else if (testType != null && testType.usesScript() && !testType.jsonValue().equals(executor)) {
            fields.violation("executor", "matches testType",
                    "must be " + testType.jsonValue() + " for a " + testType.jsonValue() + " test");
        }
        return executor;
    }
}
