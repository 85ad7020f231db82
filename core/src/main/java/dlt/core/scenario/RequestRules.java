package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dlt.core.validation.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One request of a simple test. */
final class RequestRules {

    static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    /** Values extracted from earlier responses are used as ${name}; they are filled in at run time. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_BODY_LENGTH = 65_536;
    private static final int MAX_LABEL_LENGTH = 128;

    private RequestRules() {
    }

    static RequestSpec read(JsonNode node, String path, Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        fields.require("url");
        String url = fields.string("url");
        if (url != null) {
            checkUrl(fields, url);
        }
        String method = readMethod(fields);
        Map<String, String> headers = readHeaders(fields);
        String body = readBody(fields);
        String label = fields.string("label");
        if (label != null) {
            checkLabel(fields, label);
        }
        JsonNode checksNode = fields.object("checks");
        Checks checks = checksNode == null ? null : ResponseRules.readChecks(checksNode, fields.pathOf("checks"),
                violations);
        JsonNode extractNode = fields.object("extract");
        Map<String, Extract> extract = extractNode == null ? Map.of()
                : ResponseRules.readExtracts(extractNode, fields.pathOf("extract"), violations);
        fields.refuseUnknown();
        return new RequestSpec(url, method, headers, body, label, checks, extract);
    }

    private static void checkUrl(FieldReader fields, String url) {
        if (url.length() > MAX_URL_LENGTH) {
            fields.violation("url", "length 1.." + MAX_URL_LENGTH,
                    "must be at most " + MAX_URL_LENGTH + " characters, not " + url.length());
            return;
        }
        if (!isHttpUrlWithHost(PLACEHOLDER.matcher(url).replaceAll("x"))) {
            fields.violation("url", "http(s) URL", "must be an http:// or https:// URL with a host");
        }
    }

    private static boolean isHttpUrlWithHost(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            // A server-based authority (host, optional numeric port) is what the engine can connect to;
            // anything else (a port like "8080x", a host like "my_service") would only fail in the worker.
            return http && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String readMethod(FieldReader fields) {
        String method = fields.string("method");
        if (method == null) {
            return fields.has("method") ? null : "GET";
        }
        String upperCase = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upperCase)) {
            fields.violation("method", "HTTP method", "must be GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS");
        }
        return upperCase;
    }

    private static Map<String, String> readHeaders(FieldReader fields) {
        JsonNode node = fields.object("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null) {
            return headers;
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String path = fields.pathOf("headers") + "." + header.getKey();
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                fields.violations().add(path, "header name",
                        "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~)");
            }
            JsonNode value = header.getValue();
            if (!value.isTextual()) {
                fields.violations().add(path, "type string", "must be a string, not " + FieldReader.typeName(value));
                continue;
            }
            if (value.textValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                fields.violations().add(path, "header value", "must not contain line breaks");
            }
            headers.put(header.getKey(), value.textValue());
        }
        return headers;
    }

    private static String readBody(FieldReader fields) {
        JsonNode node = fields.node("body");
        if (node == null) {
            return null;
        }
        String body;
        if (node.isTextual()) {
            body = node.textValue();
        } else if (node.isObject() && node.isEmpty()) {
            // DLT v3's console sends {} when the user typed no body.
            return null;
        } else if (node.isContainerNode()) {
            body = node.toString();
        } else {
            fields.violation("body", "type string or JSON",
                    "must be a string, a JSON object or a JSON array, not " + FieldReader.typeName(node));
            return null;
        }
        if (body.length() > MAX_BODY_LENGTH) {
            fields.violation("body", "length 0.." + MAX_BODY_LENGTH,
                    "must be at most " + MAX_BODY_LENGTH + " characters, not " + body.length());
        }
        return body;
    }

    private static void checkLabel(FieldReader fields, String label) {
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH || TextRules.hasControlCharacter(label)) {
            fields.violation("label", "label",
                    "must be 1 to " + MAX_LABEL_LENGTH + " characters, not blank, without control characters");
        }
    }
}
