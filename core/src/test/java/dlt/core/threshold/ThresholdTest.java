package dlt.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.result.LabelSummary;
import dlt.core.result.LatencyStats;
import dlt.core.result.RunSummary;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThresholdTest {
  /** 1000 requests, 10 failed (1 %), 100 rps, checks 99.5 % passed; login is slower. */
  static RunSummary summary() {
    LatencyStats run = new LatencyStats(1, 50, 900, 20, 1, 40, 120, 250, 400, 800, 900);
    LatencyStats login = new LatencyStats(5, 150, 950, 30, 5, 140, 180, 190, 600, 900, 950);
    LabelSummary loginSummary = new LabelSummary(100, 90, 10, 10, 0, 0, 0, 0, login, Map.of(), Map.of());
    return new RunSummary(1, 10, 1000, 990, 10, 100, 0, 0, 995, 5, run, Map.of(200, 990L),
        Map.of("http", 10L), Map.of("login", loginSummary), 0, 0, null);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "response_time | p(95)<300ms   | true  | 250",
      "response_time | p(95)<250ms   | false | 250",
      "response_time | p(95)<=250    | true  | 250",
      "response_time | p(99.9)<=1s   | true  | 800",
      "response_time | p(99.9)<0.5s  | false | 800",
      "response_time | p(99)<400000us| false | 400",
      "response_time | p(50)==40     | true  | 40",
      "response_time | p(90) > 100ms | true  | 120",
      "response_time | p(0)>=1       | true  | 1",
      "response_time | p(100)<1s     | true  | 900",
      "response_time | avg<200       | true  | 50",
      "response_time | avg<20        | false | 50",
      "response_time | med<45ms      | true  | 40",
      "response_time | med>45ms      | false | 40",
      "response_time | min>=1ms      | true  | 1",
      "response_time | min>1ms       | false | 1",
      "response_time | max<1s        | true  | 900",
      "response_time | max<800ms     | false | 900",
      "response_time{label:login} | p(95)<200ms | true  | 190",
      "response_time{label:login} | avg<100     | false | 150",
      "error_rate    | <2%           | true  | 0.01",
      "error_rate    | <1%           | false | 0.01",
      "error_rate    | rate<0.02     | true  | 0.01",
      "error_rate    | rate<=0.005   | false | 0.01",
      "error_rate{label:login} | <5% | false | 0.1",
      "checks        | >99%          | true  | 0.995",
      "checks        | >99.9%        | false | 0.995",
      "checks        | rate>0.99     | true  | 0.995",
      "checks        | rate>=0.999   | false | 0.995",
      "rps           | >50           | true  | 100",
      "rps           | >500          | false | 100",
      "rps           | >=100         | true  | 100",
      "rps{label:login} | <5         | false | 10",
  })
  void evaluate_everyForm_passesOrFailsOnTheSummary(
      String key, String expression, boolean passes, double actual) {
    ThresholdResult result = Threshold.parse(key, expression).evaluate(summary());

    assertThat(result.passed()).isEqualTo(passes);
    assertThat(result.actual()).isEqualTo(actual);
    assertThat(result.metric()).isEqualTo(key);
    assertThat(result.expression()).isEqualTo(expression);
  }

  @Test
  void evaluate_labelTheRunDoesNotHave_failsWithNaN() {
    ThresholdResult result = Threshold.parse("response_time{label:nope}", "p(95)<1s").evaluate(summary());

    assertThat(result.passed()).isFalse();
    assertThat(result.actual()).isNaN();
  }

  @Test
  void evaluate_checksWithoutAnyCheck_passes() {
    ThresholdResult result = Threshold.parse("checks{label:login}", ">99%").evaluate(summary());

    assertThat(result.passed()).isTrue();
    assertThat(result.actual()).isNaN();
  }

  @Test
  void parse_labelFilterAndUnits_normalizesTheLimit() {
    Threshold threshold = Threshold.parse("response_time{label:login}", "p(99.9) <= 1s");

    assertThat(threshold.metric()).isEqualTo(Metric.RESPONSE_TIME);
    assertThat(threshold.label()).isEqualTo("login");
    assertThat(threshold.aggregation()).isEqualTo(Aggregation.P99_9);
    assertThat(threshold.operator()).isEqualTo(Operator.LESS_OR_EQUAL);
    assertThat(threshold.limit()).isEqualTo(1000.0);
    assertThat(Threshold.parse("response_time", "p(95)<250us").limit()).isEqualTo(0.25);
    assertThat(Threshold.parse("error_rate", "<1%").limit()).isEqualTo(0.01);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "latency        | p(95)<300ms  | unknown metric 'latency'",
      "response_time{tag:x} | p(95)<3 | unknown filter 'tag'",
      "response_time{label:} | p(95)<3 | names no label",
      "response_time  | p(95)        | no comparison",
      "response_time  | p(95)=300    | unknown operator '='",
      "response_time  | p(95)!=300   | unknown operator '!='",
      "response_time  | p(95)<fast   | is not a number",
      "response_time  | p(95)<300xs  | unknown unit 'xs'",
      "response_time  | p(97)<300ms  | p(97) is not reported",
      "response_time  | <300ms       | needs an aggregation",
      "response_time  | mean<300ms   | unknown aggregation 'mean'",
      "error_rate     | <5           | write 5% for a percentage",
      "error_rate     | <150%        | above 100%",
      "error_rate     | avg<1%       | unknown aggregation 'avg'",
      "error_rate     | <1ms         | unknown unit 'ms'",
      "checks         | p(95)>99%    | unknown aggregation",
      "rps            | avg>500      | rps takes no aggregation",
      "rps            | >500ms       | unknown unit 'ms' for rps",
  })
  void parse_badSyntax_throwsNamingTheRuleAndProblem(String key, String expression, String problem) {
    assertThatThrownBy(() -> Threshold.parse(key, expression))
        .isInstanceOf(InvalidThresholdException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(expression)
        .hasMessageContaining(problem);
  }

  @Test
  void parse_emptyOrNullExpression_throwsIllegalArgument() {
    assertThatThrownBy(() -> Threshold.parse("rps", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Threshold.parse(null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
