package dlt.core.threshold;

import dlt.core.result.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run's threshold rules, parsed from a scenario's {@code thresholds} object. */
public record Thresholds(List<Threshold> rules) {
  public Thresholds {
    rules = List.copyOf(rules);
  }

  public static Thresholds none() {
    return new Thresholds(List.of());
  }

  /**
   * Parses every rule of a {@code {"metric": ["expression", ...]}} object.
   *
   * @throws InvalidThresholdsException listing every rule that does not parse
   */
  public static Thresholds parseAll(Map<String, List<String>> byMetric) {
    List<Threshold> rules = new ArrayList<>();
    List<ThresholdError> errors = new ArrayList<>();
    parseInto(byMetric, rules, errors);
    if (!errors.isEmpty()) {
      throw new InvalidThresholdsException(errors);
    }
    return new Thresholds(rules);
  }

  /** Every problem of a thresholds object, empty when all rules parse (for validation). */
  public static List<ThresholdError> problems(Map<String, List<String>> byMetric) {
    List<ThresholdError> errors = new ArrayList<>();
    parseInto(byMetric, new ArrayList<>(), errors);
    return List.copyOf(errors);
  }

  public ThresholdVerdict evaluate(RunSummary summary) {
    return ThresholdVerdict.of(rules.stream().map(rule -> rule.evaluate(summary)).toList());
  }

  private static void parseInto(
      Map<String, List<String>> byMetric, List<Threshold> rules, List<ThresholdError> errors) {
    if (byMetric == null) {
      return;
    }
    byMetric.forEach((key, expressions) -> {
      if (expressions == null || expressions.isEmpty()) {
        errors.add(new ThresholdError(key, "", "lists no expressions"));
        return;
      }
      for (String expression : expressions) {
        try {
          rules.add(Threshold.parse(key, expression));
        } catch (InvalidThresholdException e) {
          errors.add(e.toError());
        }
      }
    });
  }
}
