package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dlt.core.validation.Violations;
import java.util.regex.Pattern;

/** One {@code testTaskConfigs} item: a region and its tasks. */
final class TaskConfigRules {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    static final int MAX_TASK_COUNT = 1000;
    static final int MAX_CONCURRENCY = 25_000;

    private TaskConfigRules() {
    }

    static TaskConfig read(JsonNode node, String path, Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        fields.require("region", "taskCount", "concurrency");
        String region = fields.string("region");
        if (region != null && !REGION.matcher(region).matches()) {
            fields.violation("region", "region name", "must be an AWS region name such as us-east-1");
        }
        Integer taskCount = fields.integer("taskCount", 1, MAX_TASK_COUNT);
        Integer concurrency = fields.integer("concurrency", 1, MAX_CONCURRENCY);
        fields.refuseUnknown();
        return new TaskConfig(region, taskCount == null ? 0 : taskCount, concurrency == null ? 0 : concurrency);
    }
}
