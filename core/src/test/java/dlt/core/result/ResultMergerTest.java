package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultMergerTest {
  @Test
  void merge_manyWorkersThroughTheirFiles_percentilesEqualOneHistogramOfEveryValue() {
    Random random = new Random(42);
    Histogram everyValue = Histograms.newDetailed();
    Histogram everyLoginValue = Histograms.newDetailed();
    List<WorkerResult> workers = new ArrayList<>();
    for (int worker = 0; worker < 9; worker++) {
      long[] login = SampleResults.randomLatencies(random, 2_000 + worker * 313);
      long[] search = SampleResults.randomLatencies(random, 5_000);
      for (long value : login) {
        Histograms.record(everyValue, value);
        Histograms.record(everyLoginValue, value);
      }
      for (long value : search) {
        Histograms.record(everyValue, value);
      }
      LabelResult loginResult = SampleResults.label(0, Map.of(), Map.of(), login);
      LabelResult searchResult = SampleResults.label(0, Map.of(), Map.of(), search);
      WorkerResult result = SampleResults.worker("us-east-1", "task" + worker,
          loginResult.plus(searchResult), Map.of("login", loginResult, "search", searchResult),
          List.of());
      workers.add(WorkerResultJson.read(WorkerResultJson.write(result)));
    }

    MergedResult merged = ResultMerger.merge(workers);

    assertSameDistribution(merged.total().responseTime(), everyValue);
    assertSameDistribution(merged.labels().get("login").responseTime(), everyLoginValue);
    assertThat(merged.total().requests()).isEqualTo(everyValue.getTotalCount());
  }

  @Test
  void merge_workersOfTwoRegions_sumsCountsMapsAndRegions() {
    WorkerResult first = SampleResults.worker("us-east-1", "a",
        SampleResults.label(1, Map.of(200, 2L, 503, 1L), Map.of("http", 1L), 1000, 2000, 3000),
        Map.of(), List.of());
    WorkerResult second = SampleResults.worker("us-east-1", "b",
        SampleResults.label(0, Map.of(200, 2L), Map.of(), 1000, 2000), Map.of(), List.of());
    WorkerResult third = new WorkerResult(1, "test1", "run1", "eu-west-1", "c",
        new Window(999_000L, 1_020_000L), null, null, false, 3, 4, 7,
        SampleResults.label(2, Map.of(503, 2L), Map.of("timeout", 2L), 9000, 9000),
        Map.of(), List.of());

    MergedResult merged = ResultMerger.merge(List.of(first, second, third));

    assertThat(merged.total().requests()).isEqualTo(7);
    assertThat(merged.total().failures()).isEqualTo(3);
    assertThat(merged.total().statusCodes()).containsExactly(Map.entry(200, 4L), Map.entry(503, 3L));
    assertThat(merged.total().errors()).containsExactly(Map.entry("http", 1L), Map.entry("timeout", 2L));
    assertThat(merged.regions().get("us-east-1").requests()).isEqualTo(5);
    assertThat(merged.regions().get("eu-west-1").requests()).isEqualTo(2);
    assertThat(merged.measured()).isEqualTo(new Window(999_000L, 1_020_000L));
    assertThat(merged.users()).isEqualTo(17);
    assertThat(merged.workers()).isEqualTo(3);
    assertThat(merged.lateIterations()).isEqualTo(3);
    assertThat(merged.droppedIterations()).isEqualTo(4);
    assertThat(merged.incompleteTasks()).containsExactly("c");
    assertThat(merged.complete()).isFalse();
  }

  @Test
  void merge_filesReadForMerging_equalsMergingTheirWorkerResults() {
    Random random = new Random(11);
    ResultMerger fromFiles = new ResultMerger();
    List<WorkerResult> results = new ArrayList<>();
    for (int worker = 0; worker < 5; worker++) {
      long[] login = SampleResults.randomLatencies(random, 800 + 50 * worker);
      long[] search = SampleResults.randomLatencies(random, 1_500);
      LabelResult loginResult = SampleResults.label(worker, Map.of(200, (long) login.length - worker, 503, (long) worker),
          worker == 0 ? Map.of() : Map.of("http_5xx", (long) worker), login);
      LabelResult searchResult = SampleResults.label(0, Map.of(200, (long) search.length), Map.of(), search);
      int width = worker == 3 ? 2 : 1; // one worker compacted its timeline: the merge widens exactly
      List<TimelinePoint> timeline = List.of(
          new TimelinePoint(2_000L, width, 10, 1, 100, 4, SampleResults.label(0, Map.of(), Map.of(), login).responseTime()),
          new TimelinePoint(2_000L + width, width, 20, 0, 200, 5, searchResult.responseTime()));
      String json = WorkerResultJson.write(new WorkerResult(1, "test1", "run1", worker % 2 == 0 ? "us-east-1" : "eu-west-1",
          "t" + worker, new Window(1_000_000L, 1_030_000L + worker), null, null, worker != 2, worker, 2 * worker, 3,
          loginResult.plus(searchResult), Map.of("login", loginResult, "search", searchResult), timeline));
      results.add(WorkerResultJson.read(json));
      WorkerFile file = WorkerResultJson.readForMerge(json);
      assertThat(file.taskId()).isEqualTo("t" + worker);
      fromFiles.add(file);
    }

    MergedResult expected = ResultMerger.merge(results);
    MergedResult actual = fromFiles.result();

    assertSameDistribution(actual.total().responseTime(), expected.total().responseTime());
    assertSameDistribution(actual.total().serviceTime(), expected.total().serviceTime());
    assertSameDistribution(actual.labels().get("login").timeToFirstByte(), expected.labels().get("login").timeToFirstByte());
    assertThat(actual.total().statusCodes()).isEqualTo(expected.total().statusCodes());
    assertThat(actual.total().errors()).isEqualTo(expected.total().errors());
    assertThat(actual.regions().get("eu-west-1").requests()).isEqualTo(expected.regions().get("eu-west-1").requests());
    assertThat(actual.timeline()).hasSameSizeAs(expected.timeline());
    for (int i = 0; i < expected.timeline().size(); i++) {
      TimelinePoint a = actual.timeline().get(i);
      TimelinePoint e = expected.timeline().get(i);
      assertThat(List.of(a.second(), a.widthSeconds(), a.requests(), a.failures(), (long) a.users()))
          .isEqualTo(List.of(e.second(), e.widthSeconds(), e.requests(), e.failures(), (long) e.users()));
      assertSameDistribution(a.responseTime(), e.responseTime());
    }
    assertThat(List.of(actual.workers(), actual.users())).isEqualTo(List.of(expected.workers(), expected.users()));
    assertThat(actual.lateIterations()).isEqualTo(expected.lateIterations());
    assertThat(actual.droppedIterations()).isEqualTo(expected.droppedIterations());
    assertThat(actual.incompleteTasks()).isEqualTo(expected.incompleteTasks());
    assertThat(actual.measured()).isEqualTo(expected.measured());
  }

  @Test
  void readForMerge_refusesWhatReadRefuses() {
    String good = WorkerResultJson.write(SampleResults.worker("us-east-1", "a",
        SampleResults.label(0, Map.of(200, 2L), Map.of(), 1000, 2000), Map.of(), List.of()));
    for (String bad : List.of(good.replace("\"version\":1", "\"version\":2"),
        good.replaceFirst("\"responseTime\":\"[^\"]+\"", "\"responseTime\":\"AAAA\""),
        good.replace("\"requests\":2", "\"requests\":-2"), "{}", "not json")) {
      String readProblem = null;
      try {
        WorkerResultJson.read(bad);
      } catch (IllegalArgumentException e) {
        readProblem = e.getMessage();
      }
      String mergeProblem = null;
      try {
        WorkerResultJson.readForMerge(bad);
      } catch (IllegalArgumentException e) {
        mergeProblem = e.getMessage();
      }
      assertThat(readProblem).as(bad).isNotNull();
      assertThat(mergeProblem).as(bad).isEqualTo(readProblem);
    }
  }

  @Test
  void merge_sharesMergedApart_equalsMergingEveryWorkerAtOnce() {
    Random random = new Random(7);
    List<WorkerResult> workers = new ArrayList<>();
    for (int worker = 0; worker < 6; worker++) {
      long[] values = SampleResults.randomLatencies(random, 1_000 + 100 * worker);
      LabelResult label = SampleResults.label(worker, Map.of(200, (long) values.length), Map.of(), values);
      List<TimelinePoint> timeline = List.of(new TimelinePoint(1_000L + worker % 2, 1, values.length, worker, 10, 3,
          label.responseTime()));
      workers.add(new WorkerResult(1, "test1", "run1", worker < 3 ? "us-east-1" : "eu-west-1", "t" + worker,
          new Window(1_000_000L + worker, 1_010_000L + worker), null, null, worker != 4, worker, 1, 5, label,
          Map.of("login", label), timeline));
    }

    MergedResult atOnce = ResultMerger.merge(workers);
    MergedResult inShares = new ResultMerger()
        .add(ResultMerger.merge(workers.subList(0, 2)))
        .add(ResultMerger.merge(workers.subList(2, 6)))
        .result();

    assertThat(inShares.total().requests()).isEqualTo(atOnce.total().requests());
    assertThat(inShares.total().statusCodes()).isEqualTo(atOnce.total().statusCodes());
    assertSameDistribution(inShares.total().responseTime(), atOnce.total().responseTime());
    assertSameDistribution(inShares.labels().get("login").responseTime(), atOnce.labels().get("login").responseTime());
    assertThat(inShares.regions().keySet()).containsExactly("eu-west-1", "us-east-1");
    assertThat(inShares.regions().get("eu-west-1").requests()).isEqualTo(atOnce.regions().get("eu-west-1").requests());
    assertThat(inShares.timeline()).extracting(TimelinePoint::requests)
        .isEqualTo(atOnce.timeline().stream().map(TimelinePoint::requests).toList());
    assertThat(inShares.measured()).isEqualTo(atOnce.measured());
    assertThat(inShares.workers()).isEqualTo(6);
    assertThat(inShares.users()).isEqualTo(30);
    assertThat(inShares.lateIterations()).isEqualTo(atOnce.lateIterations());
    assertThat(inShares.incompleteTasks()).containsExactly("t4");
  }

  @Test
  void merge_timelinesOverlappingInTime_addsPointsOfTheSameSecond() {
    WorkerResult first = SampleResults.worker("r", "a", LabelResult.empty(), Map.of(),
        SampleResults.timeline(100, 10, 3));
    WorkerResult second = SampleResults.worker("r", "b", LabelResult.empty(), Map.of(),
        SampleResults.timeline(105, 10, 5));

    List<TimelinePoint> timeline = ResultMerger.merge(List.of(first, second)).timeline();

    assertThat(timeline).hasSize(15);
    TimelinePoint overlap = timeline.get(7);
    assertThat(overlap.second()).isEqualTo(107);
    assertThat(overlap.requests()).isEqualTo(20);
    assertThat(overlap.failures()).isEqualTo(2);
    assertThat(overlap.users()).isEqualTo(8);
    assertThat(overlap.responseTime().getTotalCount()).isEqualTo(4);
    assertThat(timeline.get(0).users()).isEqualTo(3);
    assertThat(timeline.get(14).users()).isEqualTo(5);
  }

  @Test
  void merge_timelinesOfDifferentWidths_bringsThemToOneWidthExactly() {
    List<TimelinePoint> oneSecond = SampleResults.timeline(0, 20, 1);
    List<TimelinePoint> fiveSecond = Timeline.compact(SampleResults.timeline(0, 20, 1), 4);
    WorkerResult first = SampleResults.worker("r", "a", LabelResult.empty(), Map.of(), oneSecond);
    WorkerResult second = SampleResults.worker("r", "b", LabelResult.empty(), Map.of(), fiveSecond);

    List<TimelinePoint> timeline = ResultMerger.merge(List.of(first, second)).timeline();

    assertThat(timeline).hasSize(4).allSatisfy(point -> assertThat(point.widthSeconds()).isEqualTo(5));
    assertThat(timeline.stream().mapToLong(TimelinePoint::requests).sum()).isEqualTo(400);
  }

  @Test
  void merge_nothing_throwsIllegalArgument() {
    assertThatThrownBy(() -> ResultMerger.merge(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no worker results");
  }

  private static void assertSameDistribution(Histogram actual, Histogram expected) {
    assertThat(actual.getTotalCount()).isEqualTo(expected.getTotalCount());
    for (double percentile = 0; percentile <= 100; percentile += 0.5) {
      assertThat(actual.getValueAtPercentile(percentile))
          .as("p%s", percentile).isEqualTo(expected.getValueAtPercentile(percentile));
    }
    assertThat(actual.getValueAtPercentile(99.9)).isEqualTo(expected.getValueAtPercentile(99.9));
    assertThat(actual.getMinValue()).isEqualTo(expected.getMinValue());
    assertThat(actual.getMaxValue()).isEqualTo(expected.getMaxValue());
    assertThat(actual.getMean()).isEqualTo(expected.getMean());
    assertThat(actual.getStdDeviation()).isEqualTo(expected.getStdDeviation());
  }
}
