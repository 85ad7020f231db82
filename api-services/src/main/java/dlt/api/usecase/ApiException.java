package dlt.api.usecase;

import dlt.core.validation.Violation;
import java.util.List;

/**
 * A request the API refuses, or could not carry out, with the reason in terms its caller can act on:
 * a code, a message, the field at fault (null when none) and, for bodies, every violation found.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final transient List<Violation> violations;

    public ApiException(ErrorCode code, String field, String message) {
        this(code, field, message, List.of());
    }

    public ApiException(ErrorCode code, String field, String message, List<Violation> violations) {
        super(message);
        this.code = code;
        this.field = field;
        this.violations = List.copyOf(violations);
    }

    public static ApiException testNotFound(String testId) {
        return new ApiException(ErrorCode.TEST_NOT_FOUND, "testId", "no test with id " + testId);
    }

    public static ApiException runNotFound(String field, String testId, String testRunId) {
        return new ApiException(ErrorCode.TESTRUN_NOT_FOUND, field,
                "test " + testId + " has no run with id " + testRunId);
    }

    public static ApiException badBody(String field, String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST_BODY, field, message,
                List.of(new Violation(field == null ? "" : field, "request body", message)));
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<Violation> violations() {
        return violations;
    }
}
