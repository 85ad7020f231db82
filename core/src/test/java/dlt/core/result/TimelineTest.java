package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  @Test
  void compact_fewPoints_keepsOneSecondBuckets() {
    List<TimelinePoint> points = SampleResults.timeline(1_000, 30, 4);

    List<TimelinePoint> compacted = Timeline.compact(points, Timeline.MAX_POINTS);

    assertThat(compacted).hasSize(30);
    assertThat(compacted).allSatisfy(point -> assertThat(point.widthSeconds()).isEqualTo(1));
  }

  @Test
  void compact_twoHours_widensToTwoSecondsAndKeepsTotalsExact() {
    List<TimelinePoint> points = SampleResults.timeline(1_000, 7_200, 4);

    List<TimelinePoint> compacted = Timeline.compact(points, Timeline.MAX_POINTS);

    assertThat(compacted).hasSizeLessThanOrEqualTo(Timeline.MAX_POINTS);
    assertThat(compacted).allSatisfy(point -> {
      assertThat(point.widthSeconds()).isEqualTo(2);
      assertThat(point.second() % 2).isZero();
      assertThat(point.users()).isEqualTo(4);
    });
    assertTotalsEqual(compacted, points);
  }

  @Test
  void compact_tinyLimit_climbsTheLadderAndKeepsTotalsExact() {
    List<TimelinePoint> points = SampleResults.timeline(1_003, 600, 2);

    List<TimelinePoint> compacted = Timeline.compact(points, 25);

    assertThat(compacted).hasSizeLessThanOrEqualTo(25);
    assertThat(compacted.get(0).widthSeconds()).isEqualTo(30);
    assertTotalsEqual(compacted, points);
  }

  @Test
  void compact_alreadyTwoSecondBuckets_neverPicksFiveSeconds() {
    List<TimelinePoint> twoSecond = Timeline.compact(SampleResults.timeline(0, 40, 1), 20);

    List<TimelinePoint> compacted = Timeline.compact(twoSecond, 8);

    assertThat(compacted.get(0).widthSeconds()).isEqualTo(10);
    assertTotalsEqual(compacted, twoSecond);
  }

  @Test
  void workerResult_timelineOverLimit_isCompactedOnConstruction() {
    WorkerResult result = SampleResults.worker("eu-west-1", "t1", LabelResult.empty(), null,
        SampleResults.timeline(0, 5_000, 1));

    assertThat(result.timeline()).hasSizeLessThanOrEqualTo(Timeline.MAX_POINTS);
  }

  static void assertTotalsEqual(List<TimelinePoint> actual, List<TimelinePoint> expected) {
    assertThat(actual.stream().mapToLong(TimelinePoint::requests).sum())
        .isEqualTo(expected.stream().mapToLong(TimelinePoint::requests).sum());
    assertThat(actual.stream().mapToLong(TimelinePoint::failures).sum())
        .isEqualTo(expected.stream().mapToLong(TimelinePoint::failures).sum());
    assertThat(actual.stream().mapToLong(TimelinePoint::bytesReceived).sum())
        .isEqualTo(expected.stream().mapToLong(TimelinePoint::bytesReceived).sum());
    assertThat(actual.stream().mapToLong(point -> point.responseTime().getTotalCount()).sum())
        .isEqualTo(expected.stream().mapToLong(point -> point.responseTime().getTotalCount()).sum());
  }
}
