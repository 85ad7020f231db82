package dlt.core.threshold;

/** One rule that does not parse; {@link #problem()} says why without repeating the rule. */
public final class InvalidThresholdException extends IllegalArgumentException {
  private final String key;
  private final String expression;
  private final String problem;

  InvalidThresholdException(String key, String expression, String problem) {
    super("threshold " + key + " \"" + expression + "\": " + problem);
    this.key = key;
    this.expression = expression;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String expression() {
    return expression;
  }

  public String problem() {
    return problem;
  }

  public ThresholdError toError() {
    return new ThresholdError(key, expression, problem);
  }
}
