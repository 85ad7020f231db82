package dlt.core.port;

/** Stops every worker of a run, asynchronously (AWS: an async invoke of the canceller function). */
public interface RunCanceller {
    void cancel(String testId, String testRunId);
}
