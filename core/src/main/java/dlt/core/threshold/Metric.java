package dlt.core.threshold;

import java.util.Arrays;
import java.util.Optional;

/** The metrics a threshold can name, by their k6-style key. */
public enum Metric {
  RESPONSE_TIME("response_time"),
  ERROR_RATE("error_rate"),
  RPS("rps"),
  CHECKS("checks");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(metric -> metric.key.equals(key)).findFirst();
  }
}
