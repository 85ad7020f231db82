package dlt.cli;

import dlt.loadtester.engine.RunListener;
import java.io.PrintStream;

/**
 * The progress line on stderr: refreshed in place on a terminal, one line every few seconds otherwise
 * (so logs stay readable).
 */
final class ProgressPrinter implements RunListener {
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private long lastPrintedElapsed = -LOG_EVERY_NANOS;
    private int lastWidth;

    ProgressPrinter(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        if (!terminal && p.elapsedNanos() - lastPrintedElapsed < LOG_EVERY_NANOS) return;
        lastPrintedElapsed = p.elapsedNanos();
        String line = String.format("%s %s of %s | %,.0f req/s | p95 %s | errors %,d | users %,d",
                p.warmingUp() ? "warming up" : "running   ", Describe.seconds(p.elapsedNanos()), Describe.seconds(p.totalNanos()),
                p.requestsPerSecond(), SummaryTable.ms(p.p95Millis()), p.failures(), p.users());
        if (terminal) {
            String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
            lastWidth = line.length();
            err.print("\r" + padded);
        } else {
            err.println(line);
        }
        err.flush();
    }

    synchronized void finish() {
        if (terminal && lastWidth > 0) err.println();
        err.flush();
    }
}
