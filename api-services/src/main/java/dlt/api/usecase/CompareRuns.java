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
 * the difference of every number both run summaries hold (requests, rps, response time percentiles...),
 * and which of them regressed beyond {@link #TOLERANCE_PERCENT}.
 */
public final class CompareRuns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A change smaller than this, in percent of the baseline, is noise rather than a regression. */
    public static final double TOLERANCE_PERCENT = 10.0;

    private final Ports ports;
    private final Baseline baseline;

    public CompareRuns(Ports ports, Baseline baseline) {
        this.ports = ports;
        this.baseline = baseline;
    }

    /**
     * {@code run - baseline}, and that as a percentage of the baseline (null when the baseline is 0);
     * {@code regression} when the change is for the worse by more than the tolerance.
     */
    public record Delta(double run, double baseline, double difference, Double percent, boolean regression) {
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
            deltas.put(prefix + key, new Delta(a, b, difference, percent, regressed(prefix + key, a, b, percent)));
        }
    }

    /**
     * Slower response times, more failures or late/dropped iterations, and a lower request rate are
     * worse; counts that only follow the run's length (requests, bytes) are not judged.
     */
    static boolean regressed(String key, double run, double base, Double percent) {
        boolean higherIsWorse = key.startsWith("responseTimeMs.") || key.equals("failures")
                || key.equals("lateIterations") || key.equals("droppedIterations");
        boolean lowerIsWorse = key.equals("rps");
        if (percent == null) {
            // from zero: any failure (or late iteration) where the baseline had none is a regression
            return higherIsWorse && !key.startsWith("responseTimeMs.") && run > base;
        }
        return (higherIsWorse && percent > TOLERANCE_PERCENT) || (lowerIsWorse && percent < -TOLERANCE_PERCENT);
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
