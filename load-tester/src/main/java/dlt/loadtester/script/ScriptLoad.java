package dlt.loadtester.script;

/**
 * The load a scenario (or the command line) puts on a script: {@code users} virtual users started
 * evenly over {@code rampUpNanos}, then held for {@code holdNanos}. Null {@code users} means "the
 * script's own load" (a JMeter plan's thread groups as written); the tools that need a number
 * (Locust, k6) then use {@link #DEFAULT_USERS} and {@link #DEFAULT_HOLD_NANOS}. {@code host} is the
 * base URL for Locust's {@code --host}, or null.
 */
public record ScriptLoad(Integer users, long rampUpNanos, Long holdNanos, String host) {
    public static final int DEFAULT_USERS = 10;
    public static final long DEFAULT_HOLD_NANOS = 10_000_000_000L;

    public ScriptLoad {
        if (users != null && users < 1) throw new IllegalArgumentException("users must be at least 1");
        if (rampUpNanos < 0) throw new IllegalArgumentException("ramp-up must be zero or more");
        if (holdNanos != null && holdNanos <= 0) throw new IllegalArgumentException("hold-for must be more than zero");
    }

    public static ScriptLoad asWritten() {
        return new ScriptLoad(null, 0, null, null);
    }

    public boolean overridesScript() {
        return users != null || holdNanos != null || rampUpNanos > 0;
    }

    public int usersOrDefault() {
        return users == null ? DEFAULT_USERS : users;
    }

    public long holdOrDefault() {
        return holdNanos == null ? DEFAULT_HOLD_NANOS : holdNanos;
    }

    /** Ramp-up plus hold-for, in whole seconds rounded up (the tools take seconds). */
    public long totalSeconds() {
        return seconds(rampUpNanos + holdOrDefault());
    }

    static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
