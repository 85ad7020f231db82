package dlt.local.asl;

/**
 * A state machine definition this interpreter refuses: malformed, inconsistent, or using a field,
 * state type or intrinsic function it does not support. The message names the state and the field.
 */
public final class InvalidDefinitionException extends RuntimeException {
    public InvalidDefinitionException(String message) {
        super(message);
    }

    InvalidDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
