package dlt.api.usecase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /scenarios/{testId}/testruns/{testRunId}/compare}: a run beside the test's baseline, with
 * the difference of every number both run summaries hold (requests, rps, response time percentiles...).
 */
public final class CompareRuns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Ports ports;
    private final Baseline baseline;

    public CompareRuns(Ports ports, Baseline baseline) {
        this.ports = ports;
        this.baseline = baseline;
    }

    /** {@code run - baseline}, and that as a percentage of the baseline (null when the baseline is 0). */
    public record Delta(double run, double baseline, double difference, Double percent) {
    }

    /** The two runs, their summaries (null until parsed) and the deltas, keyed like {@code responseTimeMs.p95}. */
    public record Comparison(String testId, TestRun run, JsonNode runSummary, TestRun baseline,
                             JsonNode baselineSummary, Map<String, Delta> deltas) {
    }

    public Comparison compare(String testId, String testRunId) {
        StoredScenario scenario = baseline.find(testId);
        TestRun run = ports.runs().find(testId, testRunId)
                .orElseThrow(() -> ApiException.runNotFound("testRunId", testId, testRunId));
        TestRun base = baseline.baselineRun(scenario);
        JsonNode runSummary = summary(run);
        JsonNode baseSummary = summary(base);
        Map<String, Delta> deltas = new LinkedHashMap<>();
        if (runSummary != null && baseSummary != null) {
            addDeltas("", runSummary, baseSummary, deltas);
            JsonNode runTimes = runSummary.path("responseTimeMs");
            JsonNode baseTimes = baseSummary.path("responseTimeMs");
            if (runTimes.isObject() && baseTimes.isObject()) {
                addDeltas("responseTimeMs.", runTimes, baseTimes, deltas);
            }
        }
        return new Comparison(testId, run, runSummary, base, baseSummary, deltas);
    }

    private static void addDeltas(String prefix, JsonNode run, JsonNode base, Map<String, Delta> deltas) {
        for (Map.Entry<String, JsonNode> entry : run.properties()) {
            String key = entry.getKey();
            JsonNode other = base.get(key);
            if (key.equals("version") || !entry.getValue().isNumber() || other == null || !other.isNumber()) {
                continue;
            }
            double a = entry.getValue().doubleValue();
            double b = other.doubleValue();
            double difference = a - b;
            Double percent = b == 0 ? null : Math.round(difference / b * 10_000.0) / 100.0;
            deltas.put(prefix + key, new Delta(a, b, difference, percent));
        }
    }

    private static JsonNode summary(TestRun run) {
        if (run.summary() == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(run.summary());
            return node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
