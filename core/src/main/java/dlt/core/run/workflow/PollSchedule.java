package dlt.core.run.workflow;

import java.time.Duration;

/**
 * How long the state machine waits between two checks. A check loop costs {@link #EVENTS_PER_POLL} history
 * events (Task: entered, scheduled, started, succeeded, exited; Choice: entered, exited; Wait: entered,
 * exited), so intervals grow with what is waited for: the provisioning loops of all regions together stay
 * within {@link #PROVISIONING_EVENT_BUDGET} events, the completion loop within
 * {@link #COMPLETION_EVENT_BUDGET}, whatever the test's duration, which keeps any run far below Step
 * Functions' 25,000-event history limit and under our own target of {@link #HISTORY_TARGET}.
 *
 * @param minIntervalSeconds the shortest wait (10 s on AWS; the local platform may go lower)
 */
public record PollSchedule(int minIntervalSeconds) {

    public static final int EVENTS_PER_POLL = 9;
    public static final int PROVISIONING_EVENT_BUDGET = 2_700;
    public static final int COMPLETION_EVENT_BUDGET = 5_400;
    public static final int HISTORY_TARGET = 10_000;
    public static final int DEFAULT_MIN_INTERVAL_SECONDS = 10;
    /** Time between the barrier's release and the first completion check, allowed for in the window. */
    public static final int START_LEAD_ALLOWANCE_SECONDS = 120;

    public static final PollSchedule DEFAULT = new PollSchedule(DEFAULT_MIN_INTERVAL_SECONDS);

    public PollSchedule {
        if (minIntervalSeconds < 1) {
            throw new IllegalArgumentException("the shortest poll interval is 1 s, got " + minIntervalSeconds);
        }
    }

    /** Checks one region's provisioning may take, when {@code regions} regions provision at once. */
    public static int provisioningPollsPerRegion(int regions) {
        return Math.max(2, PROVISIONING_EVENT_BUDGET / EVENTS_PER_POLL / Math.max(1, regions));
    }

    /** Checks the completion loop may take. */
    public static int completionPolls() {
        return COMPLETION_EVENT_BUDGET / EVENTS_PER_POLL;
    }

    /** Seconds between two provisioning checks of one region, for a provisioning {@code timeout}. */
    public int provisioningInterval(Duration timeout, int regions) {
        return interval(timeout.toSeconds(), provisioningPollsPerRegion(regions));
    }

    /**
     * Seconds between two completion checks of a run lasting {@code testDurationSeconds} (ramp-up plus
     * hold-for) with {@code grace} after it: the window from the barrier's release to the deadline.
     */
    public int completionInterval(long testDurationSeconds, Duration grace) {
        long window = START_LEAD_ALLOWANCE_SECONDS + Math.max(0, testDurationSeconds) + grace.toSeconds();
        return interval(window, completionPolls());
    }

    /** The checks a loop makes at most with this interval over {@code windowSeconds}: one at the start, one past the end. */
    public static long pollsOver(long windowSeconds, int intervalSeconds) {
        return windowSeconds / intervalSeconds + 2;
    }

    /** An interval such that {@link #pollsOver} the window is at most {@code polls}. */
    private int interval(long windowSeconds, int polls) {
        long needed = -Math.floorDiv(-Math.max(0, windowSeconds), Math.max(1, polls - 2));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(minIntervalSeconds, needed));
    }
}
