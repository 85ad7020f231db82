package dlt.core.port;

/** The test, run or object asked for does not exist. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
