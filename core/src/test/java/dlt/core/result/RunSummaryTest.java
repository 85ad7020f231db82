package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.threshold.ThresholdResult;
import dlt.core.threshold.ThresholdVerdict;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** 1000 requests of 1001..2000 µs (exact buckets at 3 digits) over a 4 s window. */
  private static RunSummary knownSummary() {
    long[] values = new long[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1001 + i;
    }
    LabelResult total = SampleResults.label(10, Map.of(200, 990L, 500, 10L), Map.of("http", 10L),
        values);
    LabelResult login = SampleResults.label(0, Map.of(200, 1L), Map.of(), 1500);
    WorkerResult worker = new WorkerResult(1, "t", "r", "us-east-1", "a", new Window(0, 4_000),
        null, null, true, 5, 6, 10, total, Map.of("login", login), List.of());
    return RunSummary.of(worker);
  }

  @Test
  void of_knownData_computesRateAndStatistics() {
    RunSummary summary = knownSummary();

    assertThat(summary.durationSeconds()).isEqualTo(4.0);
    assertThat(summary.requests()).isEqualTo(1000);
    assertThat(summary.failures()).isEqualTo(10);
    assertThat(summary.rps()).isEqualTo(250.0);
    LatencyStats stats = summary.responseTimeMs();
    assertThat(stats.min()).isEqualTo(1.001);
    assertThat(stats.max()).isEqualTo(2.0);
    assertThat(stats.avg()).isEqualTo(1.501); // 1500.5 µs, to µs precision
    // Population standard deviation of 1000 consecutive integers: sqrt((1000^2 - 1) / 12) µs.
    assertThat(stats.stdev()).isEqualTo(Math.round(Math.sqrt((1_000_000.0 - 1) / 12)) / 1000.0);
    assertThat(stats.p0()).isEqualTo(1.001);
    assertThat(stats.p50()).isEqualTo(1.5);
    assertThat(stats.p90()).isEqualTo(1.9);
    assertThat(stats.p95()).isEqualTo(1.95);
    assertThat(stats.p99()).isEqualTo(1.99);
    assertThat(stats.p99_9()).isEqualTo(1.999);
    assertThat(stats.p100()).isEqualTo(2.0);
    assertThat(summary.statusCodes()).containsEntry(500, 10L);
    assertThat(summary.label("login")).get().extracting(LabelSummary::requests).isEqualTo(1L);
    assertThat(summary.label("login").get().rps()).isEqualTo(0.25);
    assertThat(summary.lateIterations()).isEqualTo(5);
    assertThat(summary.droppedIterations()).isEqualTo(6);
    assertThat(summary.thresholds()).isNull();
  }

  @Test
  void of_mergedResult_usesTheMergedWindow() {
    WorkerResult a = SampleResults.worker("r", "a", SampleResults.label(0, Map.of(), Map.of(), 10, 20),
        Map.of(), List.of());
    WorkerResult b = new WorkerResult(1, "test1", "run1", "r", "b", new Window(1_000_000, 1_020_000),
        null, null, true, 0, 0, 1, SampleResults.label(0, Map.of(), Map.of(), 30, 40), Map.of(),
        List.of());

    RunSummary summary = RunSummary.of(ResultMerger.merge(List.of(a, b)));

    assertThat(summary.durationSeconds()).isEqualTo(20.0);
    assertThat(summary.rps()).isEqualTo(0.2);
  }

  @Test
  void of_noRequests_givesZeros() {
    RunSummary summary = RunSummary.of(SampleResults.worker("r", "a", LabelResult.empty(), Map.of(),
        List.of()));

    assertThat(summary.rps()).isZero();
    assertThat(summary.responseTimeMs().p99()).isZero();
  }

  @Test
  void toJson_hasExactlyTheContractKeys() throws Exception {
    JsonNode json = MAPPER.readTree(knownSummary().toJson());

    assertThat(fieldNames(json)).containsExactly("version", "durationSeconds", "requests",
        "successes", "failures", "rps", "bytesSent", "bytesReceived", "checksPassed",
        "checksFailed", "responseTimeMs", "statusCodes", "errors", "labels", "lateIterations",
        "droppedIterations");
    assertThat(fieldNames(json.get("responseTimeMs"))).containsExactly("min", "avg", "max",
        "stdev", "p0", "p50", "p90", "p95", "p99", "p99_9", "p100");
    assertThat(fieldNames(json.get("labels").get("login"))).containsExactly("requests",
        "successes", "failures", "rps", "bytesSent", "bytesReceived", "checksPassed",
        "checksFailed", "responseTimeMs", "statusCodes", "errors");
    assertThat(json.get("statusCodes").get("200").longValue()).isEqualTo(990);
  }

  @Test
  void fromJson_ofToJson_givesEqualSummaryWithThresholds() {
    RunSummary summary = knownSummary().withThresholds(ThresholdVerdict.of(List.of(
        new ThresholdResult("response_time", "p(95)<300ms", 1.95, true),
        new ThresholdResult("rps{label:nope}", ">1", Double.NaN, false))));

    String json = summary.toJson();
    RunSummary read = RunSummary.fromJson(json);

    assertThat(json).contains("\"actual\":null");
    assertThat(read).isEqualTo(summary);
    assertThat(read.thresholds().passed()).isFalse();
  }

  @Test
  void fromJson_otherVersionOrMissingField_refuses() {
    String json = knownSummary().toJson();

    assertThatThrownBy(() -> RunSummary.fromJson(json.replace("\"version\":1", "\"version\":9")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
    assertThatThrownBy(() -> RunSummary.fromJson(json.replace("\"p99_9\"", "\"p99_8\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("responseTimeMs.p99_9");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
