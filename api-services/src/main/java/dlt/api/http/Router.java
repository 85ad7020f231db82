package dlt.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the endpoint of a method and path. Variable segments match any single segment, taken as it
 * came (still percent-encoded): the caller validates them, so an encoded slash or a dot never passes.
 */
public final class Router {

    /** What a method and path lead to. */
    public sealed interface Resolution {
    }

    public record Found(Endpoint endpoint, Map<String, String> pathParameters) implements Resolution {
    }

    /** The path is known, the method is not one of {@code allowed}. */
    public record MethodNotAllowed(List<String> allowed) implements Resolution {
    }

    public record Unknown() implements Resolution {
    }

    public Resolution resolve(String method, String path) {
        List<String> segments = split(path);
        if (segments == null) {
            return new Unknown();
        }
        TreeSet<String> allowed = new TreeSet<>();
        for (Endpoint endpoint : Endpoint.values()) {
            Map<String, String> parameters = match(endpoint.segments(), segments);
            if (parameters == null) {
                continue;
            }
            if (endpoint.method().equalsIgnoreCase(method)) {
                return new Found(endpoint, parameters);
            }
            allowed.add(endpoint.method());
        }
        return allowed.isEmpty() ? new Unknown() : new MethodNotAllowed(new ArrayList<>(allowed));
    }

    /** The endpoints whose template is exactly {@code template}, such as API Gateway's {@code resource}. */
    public boolean isTemplate(String template) {
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.template().equals(template)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> match(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = segments.get(i);
            if (expected.startsWith("{")) {
                parameters.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return parameters;
    }

    /** Segments of an absolute path, one trailing slash forgiven; null when the path is not one. */
    private static List<String> split(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<String> segments = List.of(trimmed.substring(1).split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return segments;
    }
}
