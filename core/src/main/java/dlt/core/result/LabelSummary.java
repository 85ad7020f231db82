package dlt.core.result;

import java.util.Map;

/** The summary of one label: the run summary's fields without run-wide ones. */
public record LabelSummary(
    long requests,
    long successes,
    long failures,
    double rps,
    long bytesSent,
    long bytesReceived,
    long checksPassed,
    long checksFailed,
    LatencyStats responseTimeMs,
    Map<Integer, Long> statusCodes,
    Map<String, Long> errors) {

  public LabelSummary {
    statusCodes = Counts.sortedCopy("statusCodes", statusCodes);
    errors = Counts.sortedCopy("errors", errors);
  }

  static LabelSummary of(LabelResult label, double durationSeconds) {
    return new LabelSummary(label.requests(), label.successes(), label.failures(),
        RunSummary.rate(label.requests(), durationSeconds), label.bytesSent(),
        label.bytesReceived(), label.checksPassed(), label.checksFailed(),
        LatencyStats.of(label.responseTime()), label.statusCodes(), label.errors());
  }
}
