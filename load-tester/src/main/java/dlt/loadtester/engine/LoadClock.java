package dlt.loadtester.engine;

/**
 * The run's time base: one monotonic origin for every loop, mapped to wall-clock time once, so
 * intervals come from {@code System.nanoTime()} and only reported timestamps use the wall clock.
 */
record LoadClock(long startNanos, long startEpochMillis, long measureStartNanos, long endNanos) {

    long epochMillis(long nanos) {
        return startEpochMillis + Math.floorDiv(nanos - startNanos, 1_000_000L);
    }

    long epochSecond(long nanos) {
        return Math.floorDiv(epochMillis(nanos), 1000L);
    }
}
