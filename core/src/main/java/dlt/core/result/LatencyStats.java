package dlt.core.result;

import org.HdrHistogram.Histogram;

/**
 * Response-time statistics in milliseconds with microsecond precision. An empty histogram gives
 * zeros. {@code p0} and {@code p100} are the lowest and highest recorded values as HdrHistogram
 * reports them at the edges of their buckets.
 */
public record LatencyStats(
    double min,
    double avg,
    double max,
    double stdev,
    double p0,
    double p50,
    double p90,
    double p95,
    double p99,
    double p99_9,
    double p100) {

  public static LatencyStats of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencyStats(
        millis(micros.getMinValue()),
        millis(micros.getMean()),
        millis(micros.getMaxValue()),
        millis(micros.getStdDeviation()),
        millis(micros.getValueAtPercentile(0)),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(90)),
        millis(micros.getValueAtPercentile(95)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getValueAtPercentile(99.9)),
        millis(micros.getValueAtPercentile(100)));
  }

  private static double millis(double micros) {
    return Math.round(micros) / 1000.0;
  }
}
