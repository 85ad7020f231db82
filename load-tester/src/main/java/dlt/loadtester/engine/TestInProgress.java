package dlt.loadtester.engine;

import dlt.core.result.WorkerResult;

/** A load test that is running: the native engine's, or a JMeter, Locust or k6 script's. */
public interface TestInProgress {
    /** Ends the test now; {@link #awaitResult()} still returns what was measured, marked incomplete. */
    void stop();

    /** Blocks until the test has ended and its result is built. */
    WorkerResult awaitResult() throws InterruptedException;

    boolean isDone();
}
