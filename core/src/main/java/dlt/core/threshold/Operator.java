package dlt.core.threshold;

/** Comparison of a measured value against a threshold's limit. */
public enum Operator {
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">="),
  EQUAL("==");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** False whenever {@code actual} is NaN: nothing measured proves nothing. */
  public boolean holds(double actual, double limit) {
    return switch (this) {
      case LESS -> actual < limit;
      case LESS_OR_EQUAL -> actual <= limit;
      case GREATER -> actual > limit;
      case GREATER_OR_EQUAL -> actual >= limit;
      case EQUAL -> actual == limit;
    };
  }

  static Operator bySymbol(String symbol) {
    for (Operator operator : values()) {
      if (operator.symbol.equals(symbol)) {
        return operator;
      }
    }
    throw new IllegalArgumentException("unknown operator " + symbol);
  }
}
