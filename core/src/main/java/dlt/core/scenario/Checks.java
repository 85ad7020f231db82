package dlt.core.scenario;

import java.util.List;

/**
 * What a response must show to count as a success: one of the listed status codes (empty when
 * not checked) and text the body contains (null when not checked).
 */
public record Checks(List<Integer> status, String bodyContains) {

    public Checks {
        status = ImmutableCopies.list(status);
    }
}
