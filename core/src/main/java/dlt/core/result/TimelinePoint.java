package dlt.core.result;

import org.HdrHistogram.Histogram;

/**
 * One bucket of a timeline: {@code widthSeconds} seconds starting at epoch second {@code second},
 * with that bucket's counts, active users and response times (a 2-digit histogram, µs).
 */
public record TimelinePoint(
    long second,
    int widthSeconds,
    long requests,
    long failures,
    long bytesReceived,
    int users,
    Histogram responseTime) {

  public TimelinePoint {
    if (widthSeconds < 1) {
      throw new IllegalArgumentException("widthSeconds must be at least 1, was " + widthSeconds);
    }
    Counts.requireNonNegative("requests", requests);
    Counts.requireNonNegative("failures", failures);
    Counts.requireNonNegative("bytesReceived", bytesReceived);
    Counts.requireNonNegative("users", users);
    responseTime = responseTime == null ? Histograms.newCoarse() : responseTime;
  }

  /**
   * The same moment seen by two workers: counts and users add, histograms add into a new copy.
   */
  TimelinePoint plusConcurrent(TimelinePoint other) {
    return new TimelinePoint(second, widthSeconds, requests + other.requests,
        failures + other.failures, bytesReceived + other.bytesReceived, users + other.users,
        Histograms.sum(responseTime, other.responseTime));
  }

  /**
   * Consecutive moments of one worker folded into a wider bucket: users is the peak, since active
   * users are a level, not a count.
   */
  TimelinePoint plusSequential(TimelinePoint other, long bucketSecond, int bucketWidth) {
    return new TimelinePoint(bucketSecond, bucketWidth, requests + other.requests,
        failures + other.failures, bytesReceived + other.bytesReceived,
        Math.max(users, other.users), Histograms.sum(responseTime, other.responseTime));
  }
}
