package dlt.core.result;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Checks and sums of the count maps that results carry. */
final class Counts {
  private Counts() {}

  static long requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  /** An unmodifiable, key-sorted copy (sorted so files and summaries are stable). */
  static <K extends Comparable<K>> Map<K, Long> sortedCopy(String name, Map<K, Long> counts) {
    TreeMap<K, Long> copy = new TreeMap<>();
    if (counts != null) {
      counts.forEach((key, count) -> {
        if (key == null || count == null) {
          throw new IllegalArgumentException(name + " holds a null key or count");
        }
        copy.put(key, requireNonNegative(name + "[" + key + "]", count));
      });
    }
    return Collections.unmodifiableMap(copy);
  }

  static <K extends Comparable<K>> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b) {
    TreeMap<K, Long> sum = new TreeMap<>(a);
    b.forEach((key, count) -> sum.merge(key, count, Long::sum));
    return Collections.unmodifiableMap(sum);
  }
}
