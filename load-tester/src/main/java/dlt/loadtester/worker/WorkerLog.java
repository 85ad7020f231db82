package dlt.loadtester.worker;

import java.io.PrintStream;

/** The worker's log: one line per message on stderr, prefixed {@code dlt-worker: } (stdout carries live lines only). */
final class WorkerLog {
    static final String PREFIX = "dlt-worker: ";

    private final PrintStream err;

    WorkerLog(PrintStream err) {
        this.err = err;
    }

    void info(String message) {
        synchronized (err) {
            err.println(PREFIX + message.replace('\n', ' '));
            err.flush();
        }
    }
}
