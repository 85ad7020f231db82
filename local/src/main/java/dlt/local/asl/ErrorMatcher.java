package dlt.local.asl;

import java.util.List;

/** The {@code ErrorEquals} of a retrier or catcher. */
record ErrorMatcher(List<String> errorEquals) {
    boolean matches(String errorName) {
        String error = errorName == null ? "" : errorName;
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            boolean uncatchable = error.equals(StateFailure.RUNTIME) || error.equals(StateFailure.DATA_LIMIT_EXCEEDED);
            if (!uncatchable && name.equals(StateFailure.ALL)) {
                return true;
            }
            if (!uncatchable && name.equals(StateFailure.TASK_FAILED) && !error.equals(StateFailure.TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
