package dlt.core.scenario;

/**
 * Where a value for later requests comes from: the first capture group of {@code regex} over the
 * response body, or the response header named {@code header}. Exactly one is set.
 */
public record Extract(String regex, String header) {
}
