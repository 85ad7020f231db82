package dlt.core.threshold;

/** A threshold rule that could not be understood: which key, which expression, and why. */
public record ThresholdError(String key, String expression, String message) {}
