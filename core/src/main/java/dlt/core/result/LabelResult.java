package dlt.core.result;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one label (or a whole run) measured. Histograms hold microseconds: response time from the
 * intended send time (free of coordinated omission), service time from the actual send, connect
 * time, and time to first byte (DLT's "latency"). The record takes ownership of the histograms it
 * is given; {@link #plus} never changes them.
 */
public record LabelResult(
    long requests,
    long successes,
    long failures,
    Map<Integer, Long> statusCodes,
    Map<String, Long> errors,
    long bytesSent,
    long bytesReceived,
    long checksPassed,
    long checksFailed,
    Histogram responseTime,
    Histogram serviceTime,
    Histogram connectTime,
    Histogram timeToFirstByte) implements LabelCounts {

  public LabelResult {
    Counts.requireNonNegative("requests", requests);
    Counts.requireNonNegative("successes", successes);
    Counts.requireNonNegative("failures", failures);
    Counts.requireNonNegative("bytesSent", bytesSent);
    Counts.requireNonNegative("bytesReceived", bytesReceived);
    Counts.requireNonNegative("checksPassed", checksPassed);
    Counts.requireNonNegative("checksFailed", checksFailed);
    statusCodes = Counts.sortedCopy("statusCodes", statusCodes);
    errors = Counts.sortedCopy("errors", errors);
    responseTime = orEmpty(responseTime);
    serviceTime = orEmpty(serviceTime);
    connectTime = orEmpty(connectTime);
    timeToFirstByte = orEmpty(timeToFirstByte);
  }

  public static LabelResult empty() {
    return new LabelResult(0, 0, 0, Map.of(), Map.of(), 0, 0, 0, 0, null, null, null, null);
  }

  /** The exact sum of both: counts and maps added, histograms added into new copies. */
  public LabelResult plus(LabelResult other) {
    return new LabelResult(
        requests + other.requests,
        successes + other.successes,
        failures + other.failures,
        Counts.sum(statusCodes, other.statusCodes),
        Counts.sum(errors, other.errors),
        bytesSent + other.bytesSent,
        bytesReceived + other.bytesReceived,
        checksPassed + other.checksPassed,
        checksFailed + other.checksFailed,
        Histograms.sum(responseTime, other.responseTime),
        Histograms.sum(serviceTime, other.serviceTime),
        Histograms.sum(connectTime, other.connectTime),
        Histograms.sum(timeToFirstByte, other.timeToFirstByte));
  }

  private static Histogram orEmpty(Histogram histogram) {
    return histogram == null ? Histograms.newEmpty() : histogram;
  }
}
