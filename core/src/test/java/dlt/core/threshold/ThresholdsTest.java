package dlt.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dlt.core.result.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  @Test
  void evaluate_allRulesHold_passes() {
    Thresholds thresholds = Thresholds.parseAll(Map.of(
        "response_time", List.of("p(95)<300ms", "p(99)<1s"),
        "error_rate", List.of("<2%"),
        "rps", List.of(">50")));

    ThresholdVerdict verdict = thresholds.evaluate(ThresholdTest.summary());

    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.results()).hasSize(4);
  }

  @Test
  void evaluate_oneRuleBroken_failsAndSaysWhich() {
    Thresholds thresholds = Thresholds.parseAll(Map.of(
        "response_time", List.of("p(95)<300ms"),
        "rps", List.of(">500")));

    ThresholdVerdict verdict = thresholds.evaluate(ThresholdTest.summary());

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.results()).filteredOn(result -> !result.passed())
        .extracting(ThresholdResult::metric).containsExactly("rps");
  }

  @Test
  void evaluate_noRules_passes() {
    assertThat(Thresholds.none().evaluate(ThresholdTest.summary()).passed()).isTrue();
    assertThat(Thresholds.parseAll(null).rules()).isEmpty();
  }

  @Test
  void parseAll_severalBadRules_reportsEveryOne() {
    Map<String, List<String>> byMetric = new LinkedHashMap<>();
    byMetric.put("response_time", List.of("p(95)<300ms", "p(95)<3xs"));
    byMetric.put("latency", List.of("<1"));
    byMetric.put("rps", List.of());

    InvalidThresholdsException error =
        catchThrowableOfType(InvalidThresholdsException.class, () -> Thresholds.parseAll(byMetric));

    assertThat(error.errors()).containsExactly(
        new ThresholdError("response_time", "p(95)<3xs",
            "unknown unit 'xs' for response_time; use us, ms or s"),
        new ThresholdError("latency", "<1",
            "unknown metric 'latency'; use response_time, error_rate, rps or checks"),
        new ThresholdError("rps", "", "lists no expressions"));
    assertThat(error).hasMessageContaining("p(95)<3xs").hasMessageContaining("latency");
    assertThat(Thresholds.problems(byMetric)).isEqualTo(error.errors());
  }

  @Test
  void withThresholds_verdict_isCarriedIntoTheSummaryJson() {
    RunSummary summary = ThresholdTest.summary();
    ThresholdVerdict verdict = Thresholds.parseAll(Map.of("rps", List.of(">500")))
        .evaluate(summary);

    String json = summary.withThresholds(verdict).toJson();

    assertThat(json).contains("\"thresholds\":{\"passed\":false,\"results\":[{\"metric\":\"rps\","
        + "\"expression\":\">500\",\"actual\":100.0,\"passed\":false}]}");
    assertThat(summary.toJson()).doesNotContain("thresholds");
  }
}
