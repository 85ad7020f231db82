package dlt.core.threshold;

/**
 * One rule's outcome. {@code actual} is in the metric's unit: milliseconds for response_time,
 * a fraction (0..1) for error_rate and checks, requests per second for rps; NaN when the run has
 * nothing to measure (a label it does not have, or no checks).
 */
public record ThresholdResult(String metric, String expression, double actual, boolean passed) {}
