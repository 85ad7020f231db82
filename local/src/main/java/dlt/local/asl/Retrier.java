package dlt.local.asl;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** One element of {@code Retry}. */
record Retrier(ErrorMatcher errors, int intervalSeconds, int maxAttempts, double backoffRate,
               Integer maxDelaySeconds, boolean fullJitter) {
    /** The delay before retry number {@code retry} (0-based) of this retrier. */
    Duration delay(int retry) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retry);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
