package dlt.core.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact merge of a run's worker results. {@code regions} holds each region's total,
 * {@code users} the sum of the workers' peak users, and {@code incompleteTasks} the task ids of
 * workers that were cut short.
 */
public record MergedResult(
    Window measured,
    LabelResult total,
    Map<String, LabelResult> labels,
    Map<String, LabelResult> regions,
    List<TimelinePoint> timeline,
    long lateIterations,
    long droppedIterations,
    int users,
    int workers,
    List<String> incompleteTasks) {

  public MergedResult {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    regions = Collections.unmodifiableMap(new TreeMap<>(regions));
    timeline = List.copyOf(timeline);
    incompleteTasks = List.copyOf(incompleteTasks);
  }

  public boolean complete() {
    return incompleteTasks.isEmpty();
  }
}
