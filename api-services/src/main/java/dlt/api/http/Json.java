package dlt.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON building blocks of the views: one mapper, DLT's time format, stored JSON read back. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** DLT's {@code startTime}/{@code endTime}: "YYYY-MM-DD HH:MM:SS", UTC. */
    private static final DateTimeFormatter DLT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static void time(ObjectNode node, String key, Instant time) {
        if (time == null) {
            node.putNull(key);
        } else {
            node.put(key, DLT_TIME.format(time));
        }
    }

    /** JSON text kept in a store, as a node; {@code fallback} when absent or unreadable. */
    static JsonNode stored(String json, JsonNode fallback) {
        if (json == null || json.isBlank()) {
            return fallback;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }

    static void number(ObjectNode node, String key, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(key);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, value.longValue());
        } else {
            node.put(key, value);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
