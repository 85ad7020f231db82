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
  private final MergeAccumulators.Label total = new MergeAccumulators.Label();
  private final Map<String, MergeAccumulators.Label> labels = new TreeMap<>();
  private final Map<String, MergeAccumulators.Label> regions = new TreeMap<>();
  private final TreeMap<Long, MergeAccumulators.Point> timeline = new TreeMap<>();
  private int timelineWidth = 1;
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
    total.add(result.total());
    result.labels().forEach((name, label) ->
        labels.computeIfAbsent(name, n -> new MergeAccumulators.Label()).add(label));
    regions.computeIfAbsent(result.region(), r -> new MergeAccumulators.Label()).add(result.total());
    addTimeline(result.timeline());
    lateIterations += result.lateIterations();
    droppedIterations += result.droppedIterations();
    users += result.maxUsers();
    workers++;
    if (!result.complete()) {
      incompleteTasks.add(result.taskId());
    }
    return this;
  }

  /**
   * Adds a file read for merging ({@link WorkerResultJson#readForMerge}): the same as adding the
   * {@link WorkerResult} it holds, without building its histograms.
   */
  public ResultMerger add(WorkerFile file) {
    measured = measured == null ? file.measured : measured.span(file.measured);
    total.add(file.total);
    file.labels.forEach((name, label) ->
        labels.computeIfAbsent(name, n -> new MergeAccumulators.Label()).add(label));
    regions.computeIfAbsent(file.region(), r -> new MergeAccumulators.Label()).add(file.total);
    if (file.timeline.stream().allMatch(point -> point.widthSeconds() == timelineWidth)) {
      // the common case, every worker one point a second: bucket for bucket into the totals
      file.timeline.forEach(point -> timeline
          .computeIfAbsent(point.second(), s -> new MergeAccumulators.Point(s, timelineWidth))
          .addConcurrent(point));
    } else {
      addTimeline(file.timeline.stream().map(WorkerFile.Point::toTimelinePoint).toList());
    }
    lateIterations += file.lateIterations;
    droppedIterations += file.droppedIterations;
    users += file.maxUsers;
    workers++;
    if (!file.complete) {
      incompleteTasks.add(file.taskId());
    }
    return this;
  }

  /**
   * Adds a merge of other workers' results (a share merged apart, on another thread): the same as
   * adding each of those results here, since merging is addition.
   */
  public ResultMerger add(MergedResult share) {
    measured = measured == null ? share.measured() : measured.span(share.measured());
    total.add(share.total());
    share.labels().forEach((name, label) ->
        labels.computeIfAbsent(name, n -> new MergeAccumulators.Label()).add(label));
    share.regions().forEach((region, label) ->
        regions.computeIfAbsent(region, r -> new MergeAccumulators.Label()).add(label));
    addTimeline(share.timeline());
    lateIterations += share.lateIterations();
    droppedIterations += share.droppedIterations();
    users += share.users();
    workers += share.workers();
    incompleteTasks.addAll(share.incompleteTasks());
    return this;
  }

  /** @throws IllegalArgumentException when no result was added */
  public MergedResult result() {
    if (workers == 0) {
      throw new IllegalArgumentException("no worker results to merge");
    }
    return new MergedResult(measured, total.toResult(), results(labels), results(regions), finalTimeline(),
        lateIterations, droppedIterations, users, workers, incompleteTasks);
  }

  private static Map<String, LabelResult> results(Map<String, MergeAccumulators.Label> totals) {
    Map<String, LabelResult> out = new TreeMap<>();
    totals.forEach((name, label) -> out.put(name, label.toResult()));
    return out;
  }

  /**
   * Workers may have compacted their timelines to different widths: the running total and each new
   * timeline are brought to one width, so points of the same second are the same span on every
   * worker and add exactly. Merged as each file comes, so no file's timeline is kept.
   */
  private void addTimeline(List<TimelinePoint> points) {
    if (points.isEmpty()) {
      return;
    }
    int width = Timeline.narrowestWidthHolding(List.of(mergedTimeline(), points));
    if (width != timelineWidth) {
      List<TimelinePoint> widened = Timeline.rebucket(mergedTimeline(), width);
      timeline.clear();
      timelineWidth = width;
      widened.forEach(this::addPoint);
    }
    Timeline.rebucket(points, width).forEach(this::addPoint);
  }

  private void addPoint(TimelinePoint point) {
    timeline.computeIfAbsent(point.second(), s -> new MergeAccumulators.Point(s, timelineWidth))
        .addConcurrent(point);
  }

  private List<TimelinePoint> mergedTimeline() {
    List<TimelinePoint> points = new ArrayList<>(timeline.size());
    timeline.values().forEach(p -> points.add(p.toPoint()));
    return points;
  }

  private List<TimelinePoint> finalTimeline() {
    return Collections.unmodifiableList(Timeline.compact(mergedTimeline(), Timeline.MAX_POINTS));
  }
}
