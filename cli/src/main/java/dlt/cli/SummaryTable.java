package dlt.cli;

import dlt.core.result.LabelSummary;
import dlt.core.result.LatencyStats;
import dlt.core.result.RunSummary;
import dlt.core.threshold.ThresholdResult;
import java.io.PrintStream;
import java.util.Map;

/** The end-of-run tables: per label and total, then status codes, error kinds and thresholds. */
final class SummaryTable {
    private static final String ROW = "%-28s %10s %9s %10s %9s %9s %9s %9s %9s %9s%n";

    private final PrintStream out;

    SummaryTable(PrintStream out) {
        this.out = out;
    }

    static final String ENGINE_TIMES = "(times in ms, measured from the intended send time)";
    static final String SCRIPT_TIMES = "(times in ms, as the script's tool measured them)";

    void print(RunSummary s, boolean complete) {
        print(s, complete, ENGINE_TIMES);
    }

    void print(RunSummary s, boolean complete, String timesNote) {
        out.println();
        out.printf("measured window %.1fs%s%n", s.durationSeconds(), complete ? "" : " (stopped early: partial results)");
        out.printf(ROW, "label", "requests", "failures", "req/s", "avg", "p50", "p90", "p95", "p99", "max");
        if (s.labels().size() > 1) {
            for (Map.Entry<String, LabelSummary> e : s.labels().entrySet()) {
                LabelSummary l = e.getValue();
                row(shorten(e.getKey()), l.requests(), l.failures(), l.rps(), l.responseTimeMs());
            }
        }
        row("total", s.requests(), s.failures(), s.rps(), s.responseTimeMs());
        out.println(timesNote);
        if (!s.statusCodes().isEmpty()) {
            StringBuilder b = new StringBuilder("status codes:");
            s.statusCodes().forEach((code, n) -> b.append(' ').append(code).append('=').append(String.format("%,d", n)));
            out.println(b);
        }
        if (!s.errors().isEmpty()) {
            StringBuilder b = new StringBuilder("errors:");
            s.errors().forEach((kind, n) -> b.append(' ').append(kind).append('=').append(String.format("%,d", n)));
            out.println(b);
        }
        if (s.lateIterations() > 0 || s.droppedIterations() > 0) {
            out.printf("open model: %,d iterations started late (no free connection), %,d dropped%n",
                    s.lateIterations(), s.droppedIterations());
        }
        if (s.thresholds() != null) {
            for (ThresholdResult r : s.thresholds().results()) {
                out.printf("%s %s %s (actual %s)%n", r.passed() ? "PASS" : "FAIL", r.metric(), r.expression(),
                        Double.isNaN(r.actual()) ? "n/a" : String.format("%.3f", r.actual()));
            }
            out.println(s.thresholds().passed() ? "thresholds passed" : "thresholds FAILED");
        }
    }

    private void row(String label, long requests, long failures, double rps, LatencyStats t) {
        out.printf(ROW, label, String.format("%,d", requests), String.format("%,d", failures), String.format("%,.1f", rps),
                ms(t.avg()), ms(t.p50()), ms(t.p90()), ms(t.p95()), ms(t.p99()), ms(t.max()));
    }

    static String ms(double millis) {
        if (millis >= 100) return String.format("%.0f", millis);
        if (millis >= 10) return String.format("%.1f", millis);
        return String.format("%.2f", millis);
    }

    private static String shorten(String label) {
        return label.length() <= 28 ? label : label.substring(0, 25) + "...";
    }
}
