package dlt.core.run.workflow;

/**
 * The run's status is {@code cancelling}: a user asked to cancel it. A check that notices throws this, and
 * the state machine goes on to the canceller and the results parser, which writes {@code cancelled}.
 */
public final class RunCancelledException extends RuntimeException {
    public static final String ERROR_NAME = "dlt.core.run.workflow.RunCancelledException";

    public RunCancelledException(String testRunId) {
        super("run " + testRunId + " was cancelled");
    }
}
