package dlt.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.result.MergedResult;
import dlt.core.result.RunSummary;
import dlt.core.scenario.ScenarioJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * results.json, the whole parsed run (version 1):
 * <pre>
 * {version, testId, testRunId, status, errorReason, partial,
 *  tasks: {expected, received, missing[], damaged[{region, taskId, reason}], incomplete[]},
 *  window: {startEpochMs, endEpochMs}, users, workers,
 *  results: DLT's results object, every label,
 *  summary: the run summary JSON (ms) with the threshold verdict,
 *  regions: {region: run summary JSON},
 *  timeline: {total: columns, region: columns},
 *  distribution: {total: {percentile[], ms[]}, region: ...},
 *  scenario: the scenario that ran}
 * </pre>
 * Everything in it comes from the result files and the run's input, in a fixed order, so the same
 * run always gives the same bytes.
 */
final class ResultsDocument {
    static final String TOTAL = "total";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsDocument() {
    }

    static ObjectNode tree(RunReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", 1);
        root.put("testId", report.testId());
        root.put("testRunId", report.testRunId());
        root.put("status", report.status().wire());
        root.put("errorReason", report.errorReason());
        root.put("partial", report.completeness().partial());
        root.set("tasks", tasks(report.completeness()));
        MergedResult total = report.total();
        root.putObject("window")
                .put("startEpochMs", total.measured().startEpochMs())
                .put("endEpochMs", total.measured().endEpochMs());
        root.put("users", total.users());
        root.put("workers", report.completeness().receivedTasks());
        root.set("results", DltResults.of(total, report.regions(), Integer.MAX_VALUE));
        root.set("summary", parse(report.summary().toJson()));
        ObjectNode regions = root.putObject("regions");
        for (Map.Entry<String, RunSummary> region : report.regionSummaries().entrySet()) {
            regions.set(region.getKey(), parse(region.getValue().toJson()));
        }
        ObjectNode timeline = root.putObject("timeline");
        timeline.set(TOTAL, Series.timeline(total.timeline()));
        report.regions().forEach((region, merged) -> timeline.set(region, Series.timeline(merged.timeline())));
        ObjectNode distribution = root.putObject("distribution");
        distribution.set(TOTAL, Series.distribution(total.total().responseTime()));
        report.regions().forEach((region, merged) ->
                distribution.set(region, Series.distribution(merged.total().responseTime())));
        root.set("scenario", report.scenario() == null ? null : parse(ScenarioJson.toJson(report.scenario())));
        return root;
    }

    static byte[] write(RunReport report) {
        return tree(report).toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode tasks(Completeness completeness) {
        ObjectNode tasks = MAPPER.createObjectNode();
        tasks.put("expected", completeness.expectedTasks());
        tasks.put("received", completeness.receivedTasks());
        ArrayNode missing = tasks.putArray("missing");
        completeness.missingTasks().forEach(missing::add);
        ArrayNode damaged = tasks.putArray("damaged");
        completeness.damagedTasks().forEach(task -> damaged.addObject()
                .put("region", task.region()).put("taskId", task.taskId()).put("reason", task.reason()));
        ArrayNode incomplete = tasks.putArray("incomplete");
        completeness.incompleteTasks().forEach(incomplete::add);
        return tasks;
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document dlt wrote is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
