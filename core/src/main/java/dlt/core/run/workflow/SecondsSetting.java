package dlt.core.run.workflow;

import java.util.Map;

/** A handler setting given in whole seconds by an environment variable, read once at init. */
public final class SecondsSetting {
    private SecondsSetting() {
    }

    /** The variable's value, or {@code fallback} when it is absent; a malformed value fails naming the variable. */
    public static long read(Map<String, String> env, String variable, long fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number of seconds, not '" + value + "'");
        }
    }
}
