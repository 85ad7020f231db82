package dlt.taskstatuschecker;

import dlt.core.run.workflow.SecondsSetting;
import dlt.core.run.workflow.PollSchedule;
import java.time.Duration;
import java.util.Map;

/**
 * The status checker's deadlines and poll intervals.
 *
 * @param provisioningTimeout how long a region's workers may take to all run, from their launch
 *                            ({@value #PROVISIONING_TIMEOUT_VARIABLE}, default 15 min)
 * @param completionGrace     how long past its duration a run may take to finish before stragglers are
 *                            stopped ({@value #COMPLETION_GRACE_VARIABLE}, default 5 min)
 * @param polls               the intervals ({@value #MIN_POLL_VARIABLE}: the shortest, default 10 s)
 */
public record CheckerSettings(Duration provisioningTimeout, Duration completionGrace, PollSchedule polls) {

    public static final String PROVISIONING_TIMEOUT_VARIABLE = "PROVISIONING_TIMEOUT_SECONDS";
    public static final String COMPLETION_GRACE_VARIABLE = "COMPLETION_GRACE_SECONDS";
    public static final String MIN_POLL_VARIABLE = "MIN_POLL_SECONDS";
    public static final Duration DEFAULT_PROVISIONING_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_COMPLETION_GRACE = Duration.ofMinutes(5);

    public static final CheckerSettings DEFAULT =
            new CheckerSettings(DEFAULT_PROVISIONING_TIMEOUT, DEFAULT_COMPLETION_GRACE, PollSchedule.DEFAULT);

    public CheckerSettings {
        if (provisioningTimeout == null || provisioningTimeout.isNegative() || provisioningTimeout.isZero()) {
            throw new IllegalArgumentException("the provisioning timeout must be longer than 0 s");
        }
        if (completionGrace == null || completionGrace.isNegative()) {
            throw new IllegalArgumentException("the completion grace must be 0 s or more");
        }
    }

    /** Read once by the Lambda's no-argument constructor. */
    public static CheckerSettings fromEnvironment(Map<String, String> env) {
        return new CheckerSettings(
                Duration.ofSeconds(SecondsSetting.read(env, PROVISIONING_TIMEOUT_VARIABLE, DEFAULT_PROVISIONING_TIMEOUT.toSeconds())),
                Duration.ofSeconds(SecondsSetting.read(env, COMPLETION_GRACE_VARIABLE, DEFAULT_COMPLETION_GRACE.toSeconds())),
                new PollSchedule((int) SecondsSetting.read(env, MIN_POLL_VARIABLE, PollSchedule.DEFAULT_MIN_INTERVAL_SECONDS)));
    }

}
