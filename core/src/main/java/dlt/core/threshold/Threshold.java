package dlt.core.threshold;

import dlt.core.result.LabelSummary;
import dlt.core.result.RunSummary;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One k6-style rule, such as {@code response_time{label:login}: p(95)<300ms}. The limit is held
 * in the metric's unit: milliseconds for response_time, a fraction for error_rate and checks,
 * requests per second for rps. {@code label} is null when the rule covers the whole run.
 */
public record Threshold(
    String key,
    String expression,
    Metric metric,
    String label,
    Aggregation aggregation,
    Operator operator,
    double limit) {

  private static final Pattern KEY =
      Pattern.compile("([a-z_]+)\\s*(?:\\{\\s*([a-z_]+)\\s*:\\s*(.*?)\\s*})?");
  private static final Pattern LIMIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-zA-Zµ%/]*)");
  private static final Pattern PERCENTILE = Pattern.compile("p\\(\\s*([0-9.]+)\\s*\\)");
  private static final String OPERATORS = "< <= > >= ==";

  /** @throws InvalidThresholdException naming the rule and what is wrong with it */
  public static Threshold parse(String metricKey, String expression) {
    String key = metricKey == null ? "" : metricKey.trim();
    String text = expression == null ? "" : expression.trim();
    Matcher keyMatch = KEY.matcher(key);
    if (!keyMatch.matches()) {
      throw new InvalidThresholdException(key, text,
          "the key must be a metric, optionally with a label filter, as response_time{label:login}");
    }
    Metric metric = Metric.byKey(keyMatch.group(1)).orElseThrow(() -> new InvalidThresholdException(
        key, text, "unknown metric '" + keyMatch.group(1)
            + "'; use response_time, error_rate, rps or checks"));
    String label = null;
    if (keyMatch.group(2) != null) {
      if (!keyMatch.group(2).equals("label")) {
        throw new InvalidThresholdException(key, text,
            "unknown filter '" + keyMatch.group(2) + "'; only {label:NAME} is supported");
      }
      label = keyMatch.group(3);
      if (label.isEmpty()) {
        throw new InvalidThresholdException(key, text, "the label filter names no label");
      }
    }
    return new RuleParser(key, text, metric, label).parse();
  }

  /** This rule applied to a run summary. */
  public ThresholdResult evaluate(RunSummary summary) {
    Optional<LabelSummary> measured =
        label == null ? Optional.of(summary.totals()) : summary.label(label);
    if (measured.isEmpty()) {
      return new ThresholdResult(key, expression, Double.NaN, false);
    }
    LabelSummary data = measured.get();
    return switch (metric) {
      case RESPONSE_TIME -> compare(aggregation.of(data.responseTimeMs()));
      case ERROR_RATE -> compare(
          data.requests() == 0 ? 0 : (double) data.failures() / data.requests());
      case RPS -> compare(data.rps());
      case CHECKS -> {
        long checks = data.checksPassed() + data.checksFailed();
        // A run without checks has nothing to fail on.
        yield checks == 0
            ? new ThresholdResult(key, expression, Double.NaN, true)
            : compare((double) data.checksPassed() / checks);
      }
    };
  }

  private ThresholdResult compare(double actual) {
    return new ThresholdResult(key, expression, actual, operator.holds(actual, limit));
  }

  /** Reads the expression part for one metric. */
  private record RuleParser(String key, String text, Metric metric, String label) {
    Threshold parse() {
      if (text.isEmpty()) {
        throw fail("the expression is empty; write it as e.g. p(95)<300ms");
      }
      int at = indexOfOperator();
      if (at < 0) {
        throw fail("no comparison; use one of " + OPERATORS + ", as in p(95)<300ms");
      }
      String symbol = operatorAt(at);
      Operator operator;
      try {
        operator = Operator.bySymbol(symbol);
      } catch (IllegalArgumentException e) {
        throw fail("unknown operator '" + symbol + "'; use one of " + OPERATORS);
      }
      String left = text.substring(0, at).trim();
      String right = text.substring(at + symbol.length()).trim();
      Matcher limit = LIMIT.matcher(right);
      if (!limit.matches()) {
        throw fail("the limit '" + right + "' is not a number with an optional unit");
      }
      double number = Double.parseDouble(limit.group(1));
      String unit = limit.group(2);
      return switch (metric) {
        case RESPONSE_TIME -> new Threshold(key, text, metric, label, latencyAggregation(left),
            operator, millis(number, unit));
        case ERROR_RATE, CHECKS -> new Threshold(key, text, metric, label, rateAggregation(left),
            operator, fraction(number, unit));
        case RPS -> new Threshold(key, text, metric, label, rpsAggregation(left, unit),
            operator, number);
      };
    }

    private int indexOfOperator() {
      for (int i = 0; i < text.length(); i++) {
        if ("<>=!".indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }

    private String operatorAt(int at) {
      boolean twoCharacters = at + 1 < text.length() && text.charAt(at + 1) == '=';
      return text.substring(at, at + (twoCharacters ? 2 : 1));
    }

    private Aggregation latencyAggregation(String left) {
      switch (left) {
        case "" -> throw fail("response_time needs an aggregation: avg, med, min, max or p(N)");
        case "avg" -> { return Aggregation.AVG; }
        case "med" -> { return Aggregation.MED; }
        case "min" -> { return Aggregation.MIN; }
        case "max" -> { return Aggregation.MAX; }
        default -> { }
      }
      Matcher percentile = PERCENTILE.matcher(left);
      if (!percentile.matches()) {
        throw fail("unknown aggregation '" + left + "' for response_time; use avg, med, min, max or p(N)");
      }
      String normalized = "p(" + percentile.group(1).replaceFirst("\\.0+$", "") + ")";
      for (Aggregation aggregation : Aggregation.values()) {
        if (aggregation.text().equals(normalized) && aggregation.text().startsWith("p(")) {
          return aggregation;
        }
      }
      throw fail(normalized + " is not reported; use p(0), p(50), p(90), p(95), p(99), p(99.9) or p(100)");
    }

    private double millis(double number, String unit) {
      return switch (unit) {
        case "", "ms" -> number;
        case "us", "µs" -> number / 1000.0;
        case "s" -> number * 1000.0;
        default -> throw fail("unknown unit '" + unit + "' for response_time; use us, ms or s");
      };
    }

    private Aggregation rateAggregation(String left) {
      if (!left.isEmpty() && !left.equals("rate")) {
        throw fail("unknown aggregation '" + left + "' for " + metric.key()
            + "; write e.g. " + example());
      }
      return Aggregation.VALUE;
    }

    private double fraction(double number, String unit) {
      switch (unit) {
        case "%" -> {
          if (number > 100) {
            throw fail(number + "% is above 100%");
          }
          return number / 100.0;
        }
        case "" -> {
          if (number > 1) {
            throw fail("a rate is between 0 and 1; write " + stripZeros(number) + "% for a percentage");
          }
          return number;
        }
        default -> throw fail("unknown unit '" + unit + "' for " + metric.key() + "; use % or a fraction");
      }
    }

    private Aggregation rpsAggregation(String left, String unit) {
      if (!left.isEmpty()) {
        throw fail("rps takes no aggregation; write e.g. >500");
      }
      if (!unit.isEmpty() && !unit.equals("/s")) {
        throw fail("unknown unit '" + unit + "' for rps; give requests per second, e.g. >500");
      }
      return Aggregation.VALUE;
    }

    private String example() {
      return metric == Metric.CHECKS ? ">99% or rate>0.99" : "<1% or rate<0.01";
    }

    private static String stripZeros(double number) {
      return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private InvalidThresholdException fail(String problem) {
      return new InvalidThresholdException(key, text, problem);
    }
  }
}
