package dlt.core.port;

/** A write lost a race or breaks a rule about the current state (a run already active, a terminal status). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
