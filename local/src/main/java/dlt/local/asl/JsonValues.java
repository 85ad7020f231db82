package dlt.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** JSON text, sizes and ASL timestamps. */
final class JsonValues {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonValues() {
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The node as it reads back from its JSON text, so equal JSON gives equal nodes. */
    static JsonNode normalize(JsonNode node) {
        try {
            return MAPPER.readTree(text(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back JSON", e);
        }
    }

    static long size(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8).length;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static Optional<Instant> parseTimestamp(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> timestampOf(JsonNode node) {
        return node != null && node.isTextual() ? parseTimestamp(node.textValue()) : Optional.empty();
    }
}
