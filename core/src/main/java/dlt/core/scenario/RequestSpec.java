package dlt.core.scenario;

import java.util.Map;

/**
 * One HTTP request of a simple test. {@code method} is upper case; {@code body} is its text (a
 * JSON object sent by DLT v3 is kept as compact JSON text); {@code body}, {@code label} and
 * {@code checks} are null when absent, {@code headers} and {@code extract} empty.
 */
public record RequestSpec(
        String url,
        String method,
        Map<String, String> headers,
        String body,
        String label,
        Checks checks,
        Map<String, Extract> extract) {

    public RequestSpec {
        headers = ImmutableCopies.orderedMap(headers);
        extract = ImmutableCopies.orderedMap(extract);
    }

    /** The name results are grouped under: the label, or "METHOD url" when there is none. */
    public String effectiveLabel() {
        return label != null ? label : method + " " + url;
    }
}
