package dlt.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.usecase.Baseline;
import dlt.api.usecase.CompareRuns;
import dlt.api.usecase.RunArtifacts;
import dlt.api.usecase.TestRuns;
import dlt.core.run.TestRun;
import dlt.core.scenario.ScenarioJson;
import dlt.core.scenario.Schedule;
import dlt.core.scenario.TaskConfig;

/** DLT's JSON shapes of test runs, their pages, the baseline and comparisons. */
public final class RunViews {

    private RunViews() {
    }

    /** A run as {@code history} lists it under its scenario. */
    static ObjectNode historyItem(TestRun run) {
        ObjectNode node = Json.object()
                .put("testRunId", run.testRunId())
                .put("status", run.status().wire());
        Json.time(node, "startTime", run.startTime());
        Json.time(node, "endTime", run.endTime());
        Json.number(node, "succPercent", run.succPercent());
        node.put("errorReason", run.errorReason());
        node.put("partial", run.partial());
        ArrayNode missing = node.putArray("missingTasks");
        run.missingTasks().forEach(missing::add);
        ArrayNode configs = node.putArray("testTaskConfigs");
        if (run.scenario() != null) {
            for (TaskConfig config : run.scenario().testTaskConfigs()) {
                configs.addObject().put("region", config.region()).put("taskCount", config.taskCount())
                        .put("concurrency", config.concurrency());
            }
        }
        node.set("results", Json.stored(run.results(), Json.object()));
        return node;
    }

    /** The whole run ({@code GET .../testruns/{testRunId}}): the history item plus its scenario and summary. */
    public static ObjectNode run(TestRun run) {
        ObjectNode node = historyItem(run);
        node.put("testId", run.testId());
        if (run.scenario() != null) {
            JsonNode scenario = Json.stored(ScenarioJson.toJson(run.scenario()), Json.object());
            node.put("testType", scenario.path("testType").asText(null));
            node.set("testScenario", scenario.path("testScenario"));
        }
        node.set("summary", Json.stored(run.summary(), Json.NODES.nullNode()));
        return node;
    }

    public static ObjectNode page(TestRuns.Page page) {
        ObjectNode root = Json.object();
        ArrayNode runs = root.putArray("testRuns");
        for (TestRun run : page.runs()) {
            runs.add(listItem(run));
        }
        root.putObject("pagination")
                .put("limit", page.limit())
                .put("next_token", page.nextToken())
                .put("total_count", page.totalCount());
        return root;
    }

    /** v4's metrics of a run: times in ms, from the run summary and DLT's results. */
    private static ObjectNode listItem(TestRun run) {
        ObjectNode node = Json.object()
                .put("testRunId", run.testRunId())
                .put("status", run.status().wire());
        Json.time(node, "startTime", run.startTime());
        Json.time(node, "endTime", run.endTime());
        Schedule schedule = run.scenario() == null ? null : run.scenario().schedule();
        node.put("scheduleTimezone", schedule == null ? null : schedule.scheduleTimezone());
        JsonNode summary = Json.stored(run.summary(), Json.object());
        JsonNode times = summary.path("responseTimeMs");
        JsonNode total = Json.stored(run.results(), Json.object()).path("total");
        Json.number(node, "requests", number(summary, "requests"));
        Json.number(node, "success", number(summary, "successes"));
        Json.number(node, "errors", number(summary, "failures"));
        Json.number(node, "requestsPerSecond", number(summary, "rps"));
        Json.number(node, "avgResponseTime", number(times, "avg"));
        Json.number(node, "avgLatency", seconds(number(total, "avg_lt")));
        Json.number(node, "avgConnectionTime", seconds(number(total, "avg_ct")));
        Double bytes = number(total, "bytes");
        Double duration = number(summary, "durationSeconds");
        Json.number(node, "avgBandwidth", bytes == null || duration == null || duration <= 0 ? null : bytes / duration);
        ObjectNode percentiles = node.putObject("percentiles");
        Json.number(percentiles, "p0", number(times, "min"));
        Json.number(percentiles, "p50", number(times, "p50"));
        Json.number(percentiles, "p90", number(times, "p90"));
        Json.number(percentiles, "p95", number(times, "p95"));
        Json.number(percentiles, "p99", number(times, "p99"));
        Json.number(percentiles, "p99_9", number(times, "p99_9"));
        Json.number(percentiles, "p100", number(times, "max"));
        return node;
    }

    /** The downloadable files of a run, each a presigned GET with its expiry; absent files are left out. */
    public static ObjectNode artifacts(RunArtifacts.Artifacts artifacts) {
        ObjectNode node = Json.object()
                .put("testId", artifacts.testId())
                .put("testRunId", artifacts.testRunId());
        ObjectNode files = node.putObject("artifacts");
        artifacts.files().forEach((name, download) -> files.putObject(name)
                .put("url", download.url())
                .put("expiresAt", download.expiresAt().toString()));
        return node;
    }

    public static ObjectNode deletedRuns(int count) {
        return Json.object().put("deletedCount", count);
    }

    public static ObjectNode baseline(Baseline.View view, boolean withData) {
        ObjectNode node = Json.object().put("testId", view.testId()).put("baselineId", view.baselineId());
        if (view.baselineId() == null) {
            node.put("message", "No baseline set for this test");
            return node;
        }
        node.put("message", "Baseline retrieved");
        if (withData) {
            if (view.run() == null) {
                node.put("warning", "the baseline run " + view.baselineId() + " no longer exists");
            } else {
                node.set("testRunDetails", details(view.run()));
            }
        }
        return node;
    }

    public static ObjectNode baselineSet(Baseline.View view) {
        ObjectNode node = Json.object()
                .put("testId", view.testId())
                .put("baselineId", view.baselineId())
                .put("message", "Baseline set");
        if (view.previousBaselineId() != null) {
            node.put("previousBaselineId", view.previousBaselineId());
        }
        node.set("details", details(view.run()));
        return node;
    }

    public static ObjectNode baselineCleared(Baseline.View view) {
        ObjectNode node = Json.object().put("testId", view.testId());
        node.putNull("baselineId");
        return node.put("previousBaselineId", view.previousBaselineId()).put("message", "Baseline removed");
    }

    public static ObjectNode comparison(CompareRuns.Comparison comparison) {
        ObjectNode node = Json.object()
                .put("testId", comparison.testId())
                .put("testRunId", comparison.run().testRunId())
                .put("baselineId", comparison.baseline().testRunId());
        node.set("run", side(comparison.run(), comparison.runSummary()));
        node.set("baseline", side(comparison.baseline(), comparison.baselineSummary()));
        ObjectNode deltas = node.putObject("deltas");
        var regressions = node.putArray("regressions");
        node.put("tolerancePercent", CompareRuns.TOLERANCE_PERCENT);
        comparison.deltas().forEach((key, delta) -> {
            ObjectNode item = deltas.putObject(key);
            Json.number(item, "run", delta.run());
            Json.number(item, "baseline", delta.baseline());
            Json.number(item, "difference", delta.difference());
            Json.number(item, "percent", delta.percent());
            item.put("regression", delta.regression());
            if (delta.regression()) {
                regressions.add(key);
            }
        });
        return node;
    }

    private static ObjectNode side(TestRun run, JsonNode summary) {
        ObjectNode node = details(run);
        node.set("summary", summary == null ? Json.NODES.nullNode() : summary);
        return node;
    }

    private static ObjectNode details(TestRun run) {
        ObjectNode node = Json.object()
                .put("testRunId", run.testRunId())
                .put("status", run.status().wire());
        Json.time(node, "startTime", run.startTime());
        Json.time(node, "endTime", run.endTime());
        node.set("results", Json.stored(run.results(), Json.object()));
        Schedule schedule = run.scenario() == null ? null : run.scenario().schedule();
        node.put("scheduleTimezone", schedule == null ? null : schedule.scheduleTimezone());
        return node;
    }

    private static Double number(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.textValue());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double seconds(Double value) {
        return value == null ? null : value * 1000.0;
    }
}
