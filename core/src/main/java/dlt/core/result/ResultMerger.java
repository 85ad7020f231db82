package dlt.core.result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges worker results exactly: counts and maps are summed and histograms added, so every
 * percentile of the run is what one histogram fed every request would give. Results can be
 * added one at a time, so a caller never needs to hold every worker's file at once.
 */
public final class ResultMerger {
  private Window measured;
  private LabelResult total = LabelResult.empty();
  private final Map<String, LabelResult> labels = new TreeMap<>();
  private final Map<String, LabelResult> regions = new TreeMap<>();
  private final List<List<TimelinePoint>> timelines = new ArrayList<>();
  private long lateIterations;
  private long droppedIterations;
  private int users;
  private int workers;
  private final List<String> incompleteTasks = new ArrayList<>();

  /** Merges the given results; there must be at least one. */
  public static MergedResult merge(Collection<WorkerResult> results) {
    ResultMerger merger = new ResultMerger();
    results.forEach(merger::add);
    return merger.result();
  }

  public ResultMerger add(WorkerResult result) {
    measured = measured == null ? result.measured() : measured.span(result.measured());
    total = total.plus(result.total());
    result.labels().forEach((name, label) -> labels.merge(name, label, LabelResult::plus));
    regions.merge(result.region(), result.total(), LabelResult::plus);
    timelines.add(result.timeline());
    lateIterations += result.lateIterations();
    droppedIterations += result.droppedIterations();
    users += result.maxUsers();
    workers++;
    if (!result.complete()) {
      incompleteTasks.add(result.taskId());
    }
    return this;
  }

  /** @throws IllegalArgumentException when no result was added */
  public MergedResult result() {
    if (workers == 0) {
      throw new IllegalArgumentException("no worker results to merge");
    }
    return new MergedResult(measured, total, labels, regions, mergedTimeline(), lateIterations,
        droppedIterations, users, workers, incompleteTasks);
  }

  /**
   * Workers may have compacted their timelines to different widths; all are brought to one width
   * first, so points of the same second are the same span on every worker and can be added.
   */
  private List<TimelinePoint> mergedTimeline() {
    int width = Timeline.narrowestWidthHolding(timelines);
    TreeMap<Long, TimelinePoint> bySecond = new TreeMap<>();
    for (List<TimelinePoint> timeline : timelines) {
      for (TimelinePoint point : Timeline.rebucket(timeline, width)) {
        bySecond.merge(point.second(), point, TimelinePoint::plusConcurrent);
      }
    }
    return Collections.unmodifiableList(
        Timeline.compact(new ArrayList<>(bySecond.values()), Timeline.MAX_POINTS));
  }
}
