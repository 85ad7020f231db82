package dlt.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import dlt.core.scenario.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Rows of the scenarios table. Scenario rows keep DLT's attribute names (so DLT's tools and people who
 * know its table can read them) and hold the full scenario, gzipped, in {@code scenario}, which is what
 * is read back. Region rows are DLT's {@code region-{name}} rows.
 */
final class ScenarioItems {

    static final String TEST_ID = "testId";
    static final String STATUS = "status";
    static final String REGION_PREFIX = "region-";
    /** DLT's plain-text copy of testScenario is kept only while small; the gzipped scenario always is. */
    private static final int MAX_PLAIN_TEST_SCENARIO = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioItems() {
    }

    static Map<String, AttributeValue> key(String testId) {
        return Map.of(TEST_ID, ItemAttributes.s(testId));
    }

    static Map<String, AttributeValue> toItem(StoredScenario stored) {
        Scenario scenario = stored.scenario();
        ItemAttributes item = ItemAttributes.write()
                .string(TEST_ID, stored.testId())
                .string("testName", scenario.testName())
                .string("testDescription", scenario.testDescription())
                .string("testType", scenario.testType() == null ? null : scenario.testType().jsonValue())
                .string("fileType", scenario.fileType() == null ? null : scenario.fileType().jsonValue())
                .value("testTaskConfigs", taskConfigs(scenario.testTaskConfigs()))
                .string("testScenario", plainTestScenario(scenario))
                .bool("showLive", scenario.showLive())
                .strings("tags", scenario.tags().isEmpty() ? null : scenario.tags())
                .bytes("scenario", ScenarioBlob.of(scenario))
                .string(STATUS, stored.status() == null ? null : stored.status().wire())
                .string("lastRunId", stored.lastRunId())
                .instant("startTime", stored.startTime())
                .instant("endTime", stored.endTime())
                .instant("nextRun", stored.nextRun())
                .string("baselineId", stored.baselineId())
                .number("totalTestRuns", stored.totalTestRuns())
                .string("errorReason", stored.errorReason())
                .string("results", stored.results())
                .instant("createdAt", stored.createdAt())
                .instant("updatedAt", stored.updatedAt());
        if (scenario.schedule() != null) {
            item.string("scheduleRecurrence", scenario.schedule().recurrence())
                    .string("cronValue", scenario.schedule().cronValue())
                    .string("cronExpiryDate", scenario.schedule().cronExpiryDate())
                    .string("scheduleTimezone", scenario.schedule().scheduleTimezone());
        }
        return item.build();
    }

    static StoredScenario fromItem(Map<String, AttributeValue> item) {
        ItemAttributes read = ItemAttributes.read(item);
        Integer total = read.integer("totalTestRuns");
        return new StoredScenario(
                ScenarioBlob.read(read.bytes("scenario")),
                RunStatus.fromWire(read.string(STATUS)).orElse(null),
                read.string("lastRunId"),
                read.instant("startTime"),
                read.instant("endTime"),
                read.instant("nextRun"),
                read.string("baselineId"),
                total == null ? 0 : total,
                read.string("errorReason"),
                read.string("results"),
                read.instant("createdAt"),
                read.instant("updatedAt"));
    }

    /** The attributes {@link #summaryFromItem} reads; {@code status} is a reserved word, hence {@code #status}. */
    static final String SUMMARY_ATTRIBUTES = "testId, testName, testDescription, testType, #status, startTime, endTime,"
            + " nextRun, scheduleRecurrence, cronValue, scheduleTimezone, tags, totalTestRuns, baselineId, createdAt";
    static final Map<String, String> SUMMARY_NAMES = Map.of("#status", STATUS);

    static ScenarioSummary summaryFromItem(Map<String, AttributeValue> item) {
        ItemAttributes read = ItemAttributes.read(item);
        Integer total = read.integer("totalTestRuns");
        List<String> tags = read.strings("tags");
        return new ScenarioSummary(read.string(TEST_ID), read.string("testName"), read.string("testDescription"),
                read.string("testType"), RunStatus.fromWire(read.string(STATUS)).orElse(null),
                read.instant("startTime"), read.instant("endTime"), read.instant("nextRun"),
                read.string("scheduleRecurrence"), read.string("cronValue"), read.string("scheduleTimezone"),
                tags == null ? List.of() : tags, total == null ? 0 : total, read.string("baselineId"),
                read.instant("createdAt"));
    }

    static boolean isRegionRow(Map<String, AttributeValue> item) {
        String id = ItemAttributes.read(item).string(TEST_ID);
        return id != null && id.startsWith(REGION_PREFIX);
    }

    /** DLT's region row: its attribute names, subnetA/subnetB beside our list of every subnet. */
    static Map<String, AttributeValue> toItem(RegionResources region) {
        List<String> subnets = region.subnets();
        return ItemAttributes.write()
                .string(TEST_ID, RegionResources.rowId(region.region()))
                .string("region", region.region())
                .string("taskCluster", region.taskCluster())
                .string("taskDefinition", region.taskDefinition())
                .string("taskImage", region.taskImage())
                .string("subnetA", subnets.isEmpty() ? "" : subnets.get(0))
                .string("subnetB", subnets.size() < 2 ? "" : subnets.get(1))
                .strings("subnets", subnets)
                .string("taskSecurityGroup", region.taskSecurityGroup())
                .string("ecsCloudWatchLogGroup", region.logGroup())
                .build();
    }

    static RegionResources regionFromItem(Map<String, AttributeValue> item) {
        ItemAttributes read = ItemAttributes.read(item);
        List<String> subnets = read.strings("subnets");
        if (subnets == null) {
            // a row written by DLT's custom resource
            subnets = new ArrayList<>();
            for (String name : List.of("subnetA", "subnetB")) {
                String subnet = read.string(name);
                if (subnet != null && !subnet.isEmpty()) {
                    subnets.add(subnet);
                }
            }
        }
        String region = read.string("region");
        if (region == null) {
            region = read.string(TEST_ID).substring(REGION_PREFIX.length());
        }
        return new RegionResources(region, read.string("taskCluster"), read.string("taskDefinition"),
                read.string("taskImage"), subnets, read.string("taskSecurityGroup"), read.string("ecsCloudWatchLogGroup"));
    }

    private static AttributeValue taskConfigs(List<TaskConfig> configs) {
        return AttributeValue.fromL(configs.stream()
                .map(c -> AttributeValue.fromM(Map.of(
                        "region", ItemAttributes.s(c.region()),
                        "taskCount", ItemAttributes.n(c.taskCount()),
                        "concurrency", ItemAttributes.n(c.concurrency()))))
                .toList());
    }

    private static String plainTestScenario(Scenario scenario) {
        try {
            JsonNode testScenario = JSON.readTree(ScenarioJson.toJson(scenario)).get("testScenario");
            String text = testScenario == null ? null : testScenario.toString();
            return text == null || text.length() > MAX_PLAIN_TEST_SCENARIO ? null : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the scenario writer produced JSON it cannot read", e);
        }
    }
}
