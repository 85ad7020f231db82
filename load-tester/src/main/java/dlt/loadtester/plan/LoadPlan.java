package dlt.loadtester.plan;

import java.util.List;

/**
 * Everything one worker needs to generate load: what to request, how load is shaped, and how long to
 * warm up first (warm-up is recorded apart and left out of the results).
 */
public record LoadPlan(RunIdentity identity, List<Step> steps, LoadModel model, long warmUpNanos,
                       long connectTimeoutNanos, long responseTimeoutNanos, boolean trustAllCertificates) {

    public static final long DEFAULT_CONNECT_TIMEOUT_NANOS = 5_000_000_000L;
    public static final long DEFAULT_RESPONSE_TIMEOUT_NANOS = 30_000_000_000L;

    public LoadPlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("a plan needs at least one request");
        if (warmUpNanos < 0) throw new IllegalArgumentException("warm-up must be zero or more");
        if (connectTimeoutNanos <= 0 || responseTimeoutNanos <= 0) throw new IllegalArgumentException("timeouts must be positive");
    }

    /** Which test, run, region and task the results belong to. */
    public record RunIdentity(String testId, String testRunId, String region, String taskId) {
        public static RunIdentity standalone() {
            return new RunIdentity("local", "run", "local", "task-1");
        }
    }

    public long totalNanos() {
        return warmUpNanos + model.durationNanos();
    }
}
