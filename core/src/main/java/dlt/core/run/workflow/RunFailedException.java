package dlt.core.run.workflow;

/**
 * The run cannot go on (the worker image is missing, workers did not start or stopped early, a deadline
 * passed, another run of the test is active). The message is the reason a user reads on the run. The state
 * machine does not retry it: it stops the workers and parses what results exist, and the run ends failed.
 */
public final class RunFailedException extends RuntimeException {
    public static final String ERROR_NAME = "dlt.core.run.workflow.RunFailedException";

    public RunFailedException(String reason) {
        super(reason);
    }

    public RunFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
