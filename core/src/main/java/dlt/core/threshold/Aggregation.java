package dlt.core.threshold;

import dlt.core.result.LatencyStats;
import java.util.function.ToDoubleFunction;

/**
 * What a threshold takes of its metric. Response time offers only the statistics a run summary
 * reports, since thresholds are evaluated on the summary.
 */
public enum Aggregation {
  MIN("min", LatencyStats::min),
  AVG("avg", LatencyStats::avg),
  MED("med", LatencyStats::p50),
  MAX("max", LatencyStats::max),
  P0("p(0)", LatencyStats::p0),
  P50("p(50)", LatencyStats::p50),
  P90("p(90)", LatencyStats::p90),
  P95("p(95)", LatencyStats::p95),
  P99("p(99)", LatencyStats::p99),
  P99_9("p(99.9)", LatencyStats::p99_9),
  P100("p(100)", LatencyStats::p100),
  /** The metric's own value: the rate of error_rate and checks, the throughput of rps. */
  VALUE("", null);

  private final String text;
  private final ToDoubleFunction<LatencyStats> statistic;

  Aggregation(String text, ToDoubleFunction<LatencyStats> statistic) {
    this.text = text;
    this.statistic = statistic;
  }

  public String text() {
    return text;
  }

  double of(LatencyStats stats) {
    return statistic.applyAsDouble(stats);
  }
}
