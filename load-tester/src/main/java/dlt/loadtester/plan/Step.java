package dlt.loadtester.plan;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One request of a scenario, ready for the engine: target resolved, checks and extractors compiled.
 * {@code uri} and {@code headers} and {@code body} may contain {@code ${name}} references to values
 * extracted by earlier steps of the same virtual user.
 */
public record Step(String label, String method, URI uri, Endpoint endpoint, String requestTarget,
                   Map<String, String> headers, String body, int[] expectedStatuses, String bodyContains,
                   List<Extraction> extractions) {

    public Step {
        headers = Map.copyOf(headers);
        extractions = List.copyOf(extractions);
        expectedStatuses = expectedStatuses == null ? new int[0] : expectedStatuses.clone();
    }

    /** A step whose request target (path and query) is the URI's own. */
    public Step(String label, String method, URI uri, Endpoint endpoint, Map<String, String> headers, String body,
                int[] expectedStatuses, String bodyContains, List<Extraction> extractions) {
        this(label, method, uri, endpoint, requestTargetOf(uri), headers, body, expectedStatuses, bodyContains, extractions);
    }

    public static String requestTargetOf(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) path = "/";
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** A value taken from a response for later steps: from the body with a regex group, or a header. */
    public record Extraction(String name, Pattern regex, String header) {
    }

    public boolean usesVariables() {
        return contains(requestTarget) || contains(body) || headers.entrySet().stream()
                .anyMatch(e -> contains(e.getKey()) || contains(e.getValue()));
    }

    public boolean needsBody() {
        return bodyContains != null || extractions.stream().anyMatch(e -> e.regex() != null);
    }

    public String capturedHeader() {
        return extractions.stream().filter(e -> e.header() != null).map(Extraction::header).findFirst().orElse(null);
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    private static boolean contains(String s) {
        return s != null && s.contains("${");
    }
}
