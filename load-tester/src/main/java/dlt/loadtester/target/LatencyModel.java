package dlt.loadtester.target;

import java.util.random.RandomGenerator;

/**
 * The delay of {@code GET /slow}: log-normal with a median of 50 ms and a 99th percentile of about
 * 300 ms, capped at 1 s, so a latency chart has a body and a tail.
 */
final class LatencyModel {
  static final long MEDIAN_MS = 50;
  static final long P99_MS = 300;
  static final long CAP_MS = 1_000;
  private static final double Z_99 = 2.326_347_874;
  private static final double MU = Math.log(MEDIAN_MS);
  private static final double SIGMA = Math.log((double) P99_MS / MEDIAN_MS) / Z_99;

  private LatencyModel() {}

  static long sampleMillis(RandomGenerator random) {
    double ms = Math.exp(MU + SIGMA * random.nextGaussian());
    return Math.min(CAP_MS, Math.round(ms));
  }
}
