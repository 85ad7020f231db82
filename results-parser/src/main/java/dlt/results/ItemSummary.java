package dlt.results;

import dlt.core.result.LabelResult;
import dlt.core.result.LabelSummary;
import dlt.core.result.RunSummary;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What goes into the test-run item and the scenario row: DLT's results object and the run summary,
 * each with only the busiest labels, so that together they stay far below DynamoDB's 400 KB item
 * limit however many labels a run has (results.json in S3 holds every label). The label cap starts
 * at {@value #MAX_LABELS} and halves until both documents fit {@value #MAX_BYTES} bytes each.
 *
 * @param results     DLT's results object, bounded
 * @param summary     the run summary JSON, bounded
 * @param succPercent successes over requests, in percent with two decimals; null without requests
 * @param labels      how many labels each scope kept
 */
record ItemSummary(String results, String summary, Double succPercent, int labels) {
    static final int MAX_LABELS = 50;
    static final int MAX_BYTES = 40_000;

    static ItemSummary of(RunReport report) {
        int limit = MAX_LABELS;
        while (true) {
            String results = DltResults.of(report.total(), report.regions(), limit).toString();
            String summary = capped(report.summary(), report.total().labels(), limit).toJson();
            if (limit == 0 || (bytes(results) <= MAX_BYTES && bytes(summary) <= MAX_BYTES)) {
                return new ItemSummary(results, summary, succPercent(report.summary()), limit);
            }
            limit /= 2;
        }
    }

    static Double succPercent(RunSummary summary) {
        if (summary.requests() == 0) {
            return null;
        }
        return Math.round(summary.successes() * 10_000.0 / summary.requests()) / 100.0;
    }

    private static RunSummary capped(RunSummary summary, Map<String, LabelResult> labels, int limit) {
        Map<String, LabelSummary> kept = new TreeMap<>();
        for (Map.Entry<String, LabelResult> label : DltResults.busiest(labels, limit)) {
            summary.label(label.getKey()).ifPresent(found -> kept.put(label.getKey(), found));
        }
        return new RunSummary(summary.version(), summary.durationSeconds(), summary.requests(),
                summary.successes(), summary.failures(), summary.rps(), summary.bytesSent(),
                summary.bytesReceived(), summary.checksPassed(), summary.checksFailed(), summary.responseTimeMs(),
                summary.statusCodes(), summary.errors(), kept, summary.lateIterations(),
                summary.droppedIterations(), summary.thresholds());
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
