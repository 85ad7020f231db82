package dlt.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/** Builds worker results from plain values, the way the load engine would. */
final class SampleResults {
  private SampleResults() {}

  static Histogram detailed(long... micros) {
    Histogram histogram = Histograms.newDetailed();
    for (long value : micros) {
      Histograms.record(histogram, value);
    }
    return histogram;
  }

  static Histogram coarse(long... micros) {
    Histogram histogram = Histograms.newCoarse();
    for (long value : micros) {
      Histograms.record(histogram, value);
    }
    return histogram;
  }

  /** Log-normal-ish latencies between about 100 µs and a few seconds. */
  static long[] randomLatencies(Random random, int count) {
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = (long) Math.exp(7 + random.nextGaussian() * 1.5);
    }
    return values;
  }

  static LabelResult label(long failures, Map<Integer, Long> statusCodes, Map<String, Long> errors,
      long... micros) {
    return new LabelResult(micros.length, micros.length - failures, failures, statusCodes, errors,
        100L * micros.length, 1000L * micros.length, micros.length, 0,
        detailed(micros), detailed(micros), detailed(10), detailed(micros));
  }

  static List<TimelinePoint> timeline(long firstSecond, int seconds, int users) {
    List<TimelinePoint> points = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      points.add(new TimelinePoint(firstSecond + i, 1, 10, 1, 500, users, coarse(1000 + i, 2000 + i)));
    }
    return points;
  }

  static WorkerResult worker(String region, String taskId, LabelResult total,
      Map<String, LabelResult> labels, List<TimelinePoint> timeline) {
    return new WorkerResult(WorkerResult.CURRENT_VERSION, "test1", "run1", region, taskId,
        new Window(1_000_000L, 1_010_000L), null, null, true, 0, 0, 5, total, labels, timeline);
  }
}
