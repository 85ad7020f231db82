package dlt.local.asl;

/** An error raised while running a state: the ASL error name and its cause, as Retry and Catch see them. */
final class StateFailure extends Exception {
    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private final String error;
    private final String errorCause;

    StateFailure(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    static StateFailure runtime(String cause) {
        return new StateFailure(RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String errorCause() {
        return errorCause;
    }
}
