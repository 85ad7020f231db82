package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ASL paths. Reading uses JSONPath (any path the definition may hold); writing ({@code ResultPath})
 * takes only reference paths: {@code $}, {@code .name}, {@code ['name']}, {@code [index]}.
 */
final class JsonPaths {
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JsonValues.MAPPER))
            .mappingProvider(new JacksonMappingProvider(JsonValues.MAPPER))
            .options(Set.of())
            .build();

    private JsonPaths() {
    }

    /** A compiled path; {@code context} when written {@code $$...} (the context object). */
    record Path(String text, boolean context, JsonPath compiled) {
        /** The value at this path, or empty when the path matches nothing. */
        Optional<JsonNode> read(JsonNode input, JsonNode contextObject) {
            JsonNode root = context ? contextObject : input;
            if (compiled == null) {
                return Optional.of(root);
            }
            try {
                Object value = compiled.read(root, CONFIG);
                if (value == null) {
                    return Optional.of(JsonValues.NODES.nullNode());
                }
                return Optional.of(value instanceof JsonNode node ? node : JsonValues.MAPPER.valueToTree(value));
            } catch (PathNotFoundException e) {
                return Optional.empty();
            }
        }

        JsonNode require(JsonNode input, JsonNode contextObject, String what) throws StateFailure {
            Optional<JsonNode> value = read(input, contextObject);
            if (value.isEmpty()) {
                throw StateFailure.runtime("Invalid path '" + text + "' in " + what
                        + ": it could not be found in the " + (context ? "context object" : "input"));
            }
            return value.get();
        }
    }

    static Path compile(String text, String where) {
        if (text == null || !text.startsWith("$")) {
            throw new InvalidDefinitionException(where + ": '" + text + "' is not a path (it must start with $)");
        }
        boolean context = text.startsWith("$$");
        String jsonPath = context ? text.substring(1) : text;
        if (jsonPath.equals("$")) {
            return new Path(text, context, null);
        }
        try {
            return new Path(text, context, JsonPath.compile(jsonPath));
        } catch (InvalidPathException e) {
            throw new InvalidDefinitionException(where + ": invalid path '" + text + "': " + e.getMessage(), e);
        }
    }

    /** A segment of a reference path: an object field or an array index. */
    record Segment(String field, int index) {
    }

    static List<Segment> referencePath(String text, String where) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            throw new InvalidDefinitionException(where + ": '" + text + "' is not a reference path");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.contains("*") || name.contains("]") || name.contains(" ")) {
                    throw new InvalidDefinitionException(where + ": '" + text + "' is not a reference path");
                }
                segments.add(new Segment(name, -1));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new InvalidDefinitionException(where + ": '" + text + "' is not a reference path");
                }
                String inside = text.substring(i + 1, close).trim();
                if ((inside.startsWith("'") && inside.endsWith("'") || inside.startsWith("\"") && inside.endsWith("\""))
                        && inside.length() >= 2) {
                    segments.add(new Segment(inside.substring(1, inside.length() - 1), -1));
                } else if (inside.matches("\\d+")) {
                    segments.add(new Segment(null, Integer.parseInt(inside)));
                } else {
                    throw new InvalidDefinitionException(where + ": '" + text
                            + "' is not a reference path (only names and indexes are allowed)");
                }
                i = close + 1;
            } else {
                throw new InvalidDefinitionException(where + ": '" + text + "' is not a reference path");
            }
        }
        return List.copyOf(segments);
    }

    /** A copy of {@code input} with {@code value} placed at the reference path. */
    static JsonNode put(JsonNode input, List<Segment> path, JsonNode value, String pathText) throws StateFailure {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode root = input.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < path.size(); i++) {
            Segment segment = path.get(i);
            boolean last = i == path.size() - 1;
            if (segment.field() != null) {
                if (!(node instanceof ObjectNode object)) {
                    throw new StateFailure(StateFailure.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '"
                            + pathText + "': the value at '" + segment.field() + "' is inside a "
                            + node.getNodeType().name().toLowerCase() + ", not an object");
                }
                if (last) {
                    object.set(segment.field(), value);
                } else {
                    JsonNode child = object.get(segment.field());
                    if (child == null || child.isNull()) {
                        child = object.putObject(segment.field());
                    }
                    node = child;
                }
            } else {
                if (!(node instanceof ArrayNode array) || segment.index() >= array.size()) {
                    throw new StateFailure(StateFailure.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '"
                            + pathText + "': index " + segment.index() + " does not exist");
                }
                if (last) {
                    array.set(segment.index(), value);
                } else {
                    node = array.get(segment.index());
                }
            }
        }
        return root;
    }
}
