package dlt.loadtester.worker;

import java.util.ArrayList;
import java.util.List;

/** Why a worker could not do its part, worded for the person reading the task's log. */
final class WorkerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerFailure(String reason) {
        super(reason);
    }

    WorkerFailure(String reason, Throwable cause) {
        super(reason + ": " + describe(cause), cause);
    }

    /** The messages of {@code e} and its causes, so one log line carries the root reason. */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (parts.stream().noneMatch(p -> p.contains(message))) parts.add(message);
        }
        return String.join(": ", parts);
    }
}
