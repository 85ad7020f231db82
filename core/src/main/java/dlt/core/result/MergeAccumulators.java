package dlt.core.result;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Running totals a merge adds into in place: one histogram per metric for the whole merge instead of
 * a new copy per file, which is what makes merging a thousand files fast.
 */
final class MergeAccumulators {
  private MergeAccumulators() {}

  /** The running total of one label (or region, or the whole run). */
  static final class Label {
    private long requests;
    private long successes;
    private long failures;
    private long bytesSent;
    private long bytesReceived;
    private long checksPassed;
    private long checksFailed;
    private final Map<Integer, Long> statusCodes = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private Histogram responseTime;
    private Histogram serviceTime;
    private Histogram connectTime;
    private Histogram timeToFirstByte;

    void add(LabelResult label) {
      addCounts(label);
      responseTime = addInto(responseTime, label.responseTime());
      serviceTime = addInto(serviceTime, label.serviceTime());
      connectTime = addInto(connectTime, label.connectTime());
      timeToFirstByte = addInto(timeToFirstByte, label.timeToFirstByte());
    }

    /** A label of a file read for merging: its histograms' counts go straight into the totals. */
    void add(WorkerFile.Label label) {
      addCounts(label);
      responseTime = addInto(responseTime, label.responseTime());
      serviceTime = addInto(serviceTime, label.serviceTime());
      connectTime = addInto(connectTime, label.connectTime());
      timeToFirstByte = addInto(timeToFirstByte, label.timeToFirstByte());
    }

    private void addCounts(LabelCounts label) {
      requests += label.requests();
      successes += label.successes();
      failures += label.failures();
      bytesSent += label.bytesSent();
      bytesReceived += label.bytesReceived();
      checksPassed += label.checksPassed();
      checksFailed += label.checksFailed();
      label.statusCodes().forEach((code, n) -> statusCodes.merge(code, n, Long::sum));
      label.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
    }

    LabelResult toResult() {
      return new LabelResult(requests, successes, failures, statusCodes, errors, bytesSent, bytesReceived,
          checksPassed, checksFailed, responseTime, serviceTime, connectTime, timeToFirstByte);
    }
  }

  /** The running total of one timeline bucket, summed across workers. */
  static final class Point {
    private final long second;
    private final int width;
    private long requests;
    private long failures;
    private long bytesReceived;
    private int users;
    private Histogram responseTime;

    Point(long second, int width) {
      this.second = second;
      this.width = width;
    }

    /** The same moment seen by another worker: counts and users add. */
    void addConcurrent(TimelinePoint point) {
      requests += point.requests();
      failures += point.failures();
      bytesReceived += point.bytesReceived();
      users += point.users();
      responseTime = addInto(responseTime, point.responseTime());
    }

    /** The same moment of a file read for merging. */
    void addConcurrent(WorkerFile.Point point) {
      requests += point.requests();
      failures += point.failures();
      bytesReceived += point.bytesReceived();
      users += point.users();
      responseTime = addInto(responseTime, point.responseTime());
    }

    TimelinePoint toPoint() {
      return new TimelinePoint(second, width, requests, failures, bytesReceived, users, responseTime);
    }
  }

  private static Histogram addInto(Histogram total, SparseHistogram next) {
    if (total == null) {
      total = next.newTotal();
    }
    next.addTo(total);
    return total;
  }

  private static Histogram addInto(Histogram total, Histogram next) {
    if (total == null) {
      total = Histograms.newAccumulator(next);
    }
    total.add(next);
    return total;
  }
}
