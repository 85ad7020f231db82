package dlt.core.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one worker task measured: the content of its result file. The warm-up, when there
 * was one, is kept apart and left out of {@code total}, {@code labels} and {@code timeline}.
 * {@code complete} is false when the worker was cut short (SIGTERM). A timeline longer than
 * {@link Timeline#MAX_POINTS} is compacted on construction, so every file stays bounded.
 */
public record WorkerResult(
    int version,
    String testId,
    String testRunId,
    String region,
    String taskId,
    Window measured,
    Window warmUp,
    LabelResult warmUpTotal,
    boolean complete,
    long lateIterations,
    long droppedIterations,
    int maxUsers,
    LabelResult total,
    Map<String, LabelResult> labels,
    List<TimelinePoint> timeline) {

  public static final int CURRENT_VERSION = 1;

  public WorkerResult {
    if (version < 1 || version > CURRENT_VERSION) {
      throw new IllegalArgumentException("unsupported worker result version " + version
          + " (this build knows 1.." + CURRENT_VERSION + ")");
    }
    requireText("testId", testId);
    requireText("testRunId", testRunId);
    requireText("region", region);
    requireText("taskId", taskId);
    if (measured == null) {
      throw new IllegalArgumentException("measured window is missing");
    }
    Counts.requireNonNegative("lateIterations", lateIterations);
    Counts.requireNonNegative("droppedIterations", droppedIterations);
    Counts.requireNonNegative("maxUsers", maxUsers);
    total = total == null ? LabelResult.empty() : total;
    labels = labels == null ? Map.of() : sortedLabels(labels);
    timeline = timeline == null ? List.of() : Timeline.compact(timeline, Timeline.MAX_POINTS);
  }

  private static Map<String, LabelResult> sortedLabels(Map<String, LabelResult> labels) {
    TreeMap<String, LabelResult> sorted = new TreeMap<>();
    labels.forEach((name, result) -> {
      if (name == null || result == null) {
        throw new IllegalArgumentException("labels hold a null name or result");
      }
      sorted.put(name, result);
    });
    return Collections.unmodifiableMap(sorted);
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }
}
