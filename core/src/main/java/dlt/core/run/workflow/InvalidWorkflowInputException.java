package dlt.core.run.workflow;

/** A state's input is not what its handler reads (a definition or caller bug): retrying cannot help. */
public final class InvalidWorkflowInputException extends RuntimeException {
    public static final String ERROR_NAME = "dlt.core.run.workflow.InvalidWorkflowInputException";

    public InvalidWorkflowInputException(String message) {
        super(message);
    }

    public InvalidWorkflowInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
