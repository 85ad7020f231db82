package dlt.core.run.workflow;

/**
 * A platform service (ECS, S3, DynamoDB...) failed in a way that may pass: the state machine retries the
 * state with backoff a few times before it gives the run up.
 */
public final class PlatformUnavailableException extends RuntimeException {
    public static final String ERROR_NAME = "dlt.core.run.workflow.PlatformUnavailableException";

    public PlatformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
