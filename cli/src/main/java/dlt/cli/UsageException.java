package dlt.cli;

/** A problem with what the user asked for; shown as one line, exit code 1. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
