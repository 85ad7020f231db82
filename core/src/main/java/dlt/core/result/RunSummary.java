package dlt.core.result;

import dlt.core.threshold.ThresholdVerdict;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run summary JSON ({@code dlt run --json}, {@code dlt results --format json}, the summary in
 * results.json), version 1. Response times are milliseconds with microsecond precision; {@code
 * rps} is requests over the measured window. {@code thresholds} is null when the run had none.
 */
public record RunSummary(
    int version,
    double durationSeconds,
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
    Map<String, Long> errors,
    Map<String, LabelSummary> labels,
    long lateIterations,
    long droppedIterations,
    ThresholdVerdict thresholds) {

  public static final int CURRENT_VERSION = 1;

  public RunSummary {
    statusCodes = Counts.sortedCopy("statusCodes", statusCodes);
    errors = Counts.sortedCopy("errors", errors);
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public static RunSummary of(MergedResult merged) {
    return of(merged.measured(), merged.total(), merged.labels(), merged.lateIterations(),
        merged.droppedIterations());
  }

  public static RunSummary of(WorkerResult worker) {
    return of(worker.measured(), worker.total(), worker.labels(), worker.lateIterations(),
        worker.droppedIterations());
  }

  private static RunSummary of(Window measured, LabelResult total, Map<String, LabelResult> labels,
      long lateIterations, long droppedIterations) {
    double seconds = measured.seconds();
    LabelSummary totals = LabelSummary.of(total, seconds);
    Map<String, LabelSummary> labelSummaries = new TreeMap<>();
    labels.forEach((name, label) -> labelSummaries.put(name, LabelSummary.of(label, seconds)));
    return new RunSummary(CURRENT_VERSION, seconds, totals.requests(), totals.successes(),
        totals.failures(), totals.rps(), totals.bytesSent(), totals.bytesReceived(),
        totals.checksPassed(), totals.checksFailed(), totals.responseTimeMs(),
        totals.statusCodes(), totals.errors(), labelSummaries, lateIterations, droppedIterations,
        null);
  }

  public RunSummary withThresholds(ThresholdVerdict verdict) {
    return new RunSummary(version, durationSeconds, requests, successes, failures, rps, bytesSent,
        bytesReceived, checksPassed, checksFailed, responseTimeMs, statusCodes, errors, labels,
        lateIterations, droppedIterations, verdict);
  }

  /** The run-wide numbers in the shape of a label's. */
  public LabelSummary totals() {
    return new LabelSummary(requests, successes, failures, rps, bytesSent, bytesReceived,
        checksPassed, checksFailed, responseTimeMs, statusCodes, errors);
  }

  public Optional<LabelSummary> label(String name) {
    return Optional.ofNullable(labels.get(name));
  }

  public String toJson() {
    return RunSummaryJson.write(this);
  }

  /** @throws IllegalArgumentException naming the field when the JSON is not a version 1 summary */
  public static RunSummary fromJson(String json) {
    return RunSummaryJson.read(json);
  }

  /** Requests per second, rounded to a thousandth; zero for an empty window. */
  static double rate(long requests, double seconds) {
    return seconds > 0 ? Math.round(requests / seconds * 1000.0) / 1000.0 : 0;
  }
}
