package dlt.core.result;

import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Keeps timelines bounded. Buckets are aligned to multiples of their width in epoch seconds, so
 * timelines of different workers line up and wider buckets hold whole narrower ones: merging
 * stays exact.
 */
public final class Timeline {
  /** The most points a result file holds: one hour at one point a second. */
  public static final int MAX_POINTS = 3_600;

  private static final int[] WIDTH_LADDER = {
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600
  };

  private Timeline() {}

  /**
   * The points regrouped into the narrowest width of the ladder (1 s, 2 s, 5 s, 10 s, 15 s, 30 s,
   * 1 min, ... 1 h, then multiples of an hour) that holds whole input buckets and needs at most
   * {@code maxPoints} points. Counts and histograms merge exactly; users become the peak of a
   * bucket. Sorted by second.
   */
  public static List<TimelinePoint> compact(List<TimelinePoint> points, int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1, was " + maxPoints);
    }
    if (points.isEmpty()) {
      return List.of();
    }
    long width = narrowestWidthHolding(List.of(points));
    while (bucketCount(points, width) > maxPoints) {
      width = nextWidthHolding(points, width);
    }
    return rebucket(points, Math.toIntExact(width));
  }

  /** The narrowest ladder width that holds whole buckets of every timeline given. */
  static int narrowestWidthHolding(Collection<List<TimelinePoint>> timelines) {
    long width = 1;
    while (!holdsAll(timelines, width)) {
      width = nextLadderWidth(width);
    }
    return Math.toIntExact(width);
  }

  /** The points regrouped into buckets of {@code width} seconds, which must hold whole buckets. */
  static List<TimelinePoint> rebucket(List<TimelinePoint> points, int width) {
    TreeMap<Long, TimelinePoint> buckets = new TreeMap<>();
    for (TimelinePoint point : points) {
      long bucket = Math.floorDiv(point.second(), width) * width;
      TimelinePoint existing = buckets.get(bucket);
      buckets.put(bucket, existing == null
          ? new TimelinePoint(bucket, width, point.requests(), point.failures(),
              point.bytesReceived(), point.users(), point.responseTime())
          : existing.plusSequential(point, bucket, width));
    }
    return List.copyOf(buckets.values());
  }

  private static long nextWidthHolding(List<TimelinePoint> points, long width) {
    long next = nextLadderWidth(width);
    while (!holdsAll(List.of(points), next)) {
      next = nextLadderWidth(next);
    }
    return next;
  }

  private static long nextLadderWidth(long width) {
    for (int candidate : WIDTH_LADDER) {
      if (candidate > width) {
        return candidate;
      }
    }
    return (width / 3_600 + 1) * 3_600;
  }

  private static boolean holdsAll(Collection<List<TimelinePoint>> timelines, long width) {
    for (List<TimelinePoint> points : timelines) {
      for (TimelinePoint point : points) {
        if (width % point.widthSeconds() != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static long bucketCount(List<TimelinePoint> points, long width) {
    return points.stream().mapToLong(point -> Math.floorDiv(point.second(), width)).distinct().count();
  }
}
