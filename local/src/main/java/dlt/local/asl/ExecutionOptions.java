package dlt.local.asl;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How an execution runs locally.
 *
 * @param clock            the source of timestamps ({@code $$.Execution.StartTime}, Timestamp waits,
 *                         history)
 * @param waitScale        factor applied to Wait states and Retry intervals: 0.01 makes a 60 s wait
 *                         take 0.6 s, 0 makes them immediate. Task and execution {@code TimeoutSeconds}
 *                         are real time: handlers do real work.
 * @param executor         runs the execution; null starts it on its own virtual thread. Map
 *                         iterations and Parallel branches always run on virtual threads.
 * @param maxHistoryEvents the execution fails with {@code States.Runtime} when its history would grow
 *                         beyond this, as Step Functions does at 25,000
 */
public record ExecutionOptions(Clock clock, double waitScale, Executor executor, int maxHistoryEvents) {
    public static final int STEP_FUNCTIONS_HISTORY_LIMIT = 25_000;

    public ExecutionOptions {
        Objects.requireNonNull(clock, "clock");
        if (!(waitScale >= 0) || Double.isInfinite(waitScale)) {
            throw new IllegalArgumentException("waitScale must be a finite number >= 0, was " + waitScale);
        }
        if (maxHistoryEvents < 1) {
            throw new IllegalArgumentException("maxHistoryEvents must be >= 1, was " + maxHistoryEvents);
        }
    }

    public static ExecutionOptions defaults() {
        return new ExecutionOptions(Clock.systemUTC(), 1.0, null, STEP_FUNCTIONS_HISTORY_LIMIT);
    }

    public ExecutionOptions withClock(Clock newClock) {
        return new ExecutionOptions(newClock, waitScale, executor, maxHistoryEvents);
    }

    public ExecutionOptions withWaitScale(double newWaitScale) {
        return new ExecutionOptions(clock, newWaitScale, executor, maxHistoryEvents);
    }

    public ExecutionOptions withExecutor(Executor newExecutor) {
        return new ExecutionOptions(clock, waitScale, newExecutor, maxHistoryEvents);
    }

    public ExecutionOptions withMaxHistoryEvents(int newMaxHistoryEvents) {
        return new ExecutionOptions(clock, waitScale, executor, newMaxHistoryEvents);
    }
}
