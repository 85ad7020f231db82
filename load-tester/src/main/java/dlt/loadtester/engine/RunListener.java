package dlt.loadtester.engine;

import dlt.core.live.LiveLine;

/** What a running test reports while it runs; called on the engine's reporter thread. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** One finished second of the measured window (the worker prints these as live lines). */
    default void onSecond(LiveLine second) {
    }

    /** A few times a second: where the run is. */
    default void onProgress(Progress progress) {
    }

    /** A snapshot for progress displays; counts cover the measured window only. */
    record Progress(long elapsedNanos, long totalNanos, boolean warmingUp, long requests, long failures,
                    double requestsPerSecond, double p95Millis, int users) {
    }
}
