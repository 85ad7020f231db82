package dlt.core.result;

/** A span of wall-clock time, in epoch milliseconds, end not before start. */
public record Window(long startEpochMs, long endEpochMs) {
  public Window {
    if (endEpochMs < startEpochMs) {
      throw new IllegalArgumentException(
          "window ends (" + endEpochMs + ") before it starts (" + startEpochMs + ")");
    }
  }

  public double seconds() {
    return (endEpochMs - startEpochMs) / 1000.0;
  }

  /** The smallest window covering both. */
  public Window span(Window other) {
    return new Window(
        Math.min(startEpochMs, other.startEpochMs), Math.max(endEpochMs, other.endEpochMs));
  }
}
