package dlt.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dlt.api.usecase.ApiException;
import dlt.api.usecase.ErrorCode;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import dlt.core.scenario.Schedule;
import dlt.core.time.DltDuration;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Request bodies: decoded, bounded (1 MB), and read strictly into what each route takes. */
public final class Bodies {

    /** ARCHITECTURE §4: the API payload may be up to 1 MB. */
    public static final int MAX_BYTES = 1_048_576;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final int MAX_RUN_IDS = 100;
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Bodies() {
    }

    /**
     * The body as text, base64-decoded when the event says so.
     *
     * @throws ApiException PAYLOAD_TOO_LARGE above 1 MB, INVALID_REQUEST_BODY when not base64 or UTF-8
     */
    public static String decode(String body, Boolean base64) {
        if (body == null) {
            return null;
        }
        if (!Boolean.TRUE.equals(base64)) {
            if (body.length() > MAX_BYTES || utf8Length(body) > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        }
        if ((long) body.length() * 3 / 4 > MAX_BYTES + 3) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badBody(null, "the body is marked base64 but is not base64");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badBody(null, "the body is not UTF-8 text");
        }
    }

    /** The scenario of POST /scenarios, every rule checked. */
    public static Scenario scenario(String body) {
        return ScenarioJson.parse(body);
    }

    /** {@code {"testRunId": "..."}} and nothing else (PUT .../baseline). */
    public static String baselineRunId(String body) {
        Map<String, JsonNode> fields = object(body, Set.of("testRunId"), Set.of("testRunId"));
        return id(fields.get("testRunId"), "testRunId");
    }

    /** A JSON array of 1 to 100 run ids (DELETE .../testruns). */
    public static List<String> runIds(String body) {
        JsonNode root = json(body);
        if (!root.isArray()) {
            throw ApiException.badBody(null, "must be a JSON array of test run ids, not " + typeName(root));
        }
        if (root.isEmpty() || root.size() > MAX_RUN_IDS) {
            throw ApiException.badBody(null, "must list 1 to " + MAX_RUN_IDS + " test run ids, not " + root.size());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            ids.add(id(root.get(i), "[" + i + "]"));
        }
        return ids;
    }

    /** The schedule fields and, to check runs do not overlap, the test's length (POST /schedule-preview). */
    public record SchedulePreview(Schedule schedule, Duration testDuration) {
    }

    public static SchedulePreview schedulePreview(String body) {
        JsonNode root = json(body);
        if (!root.isObject()) {
            throw ApiException.badBody(null, "must be a JSON object, not " + typeName(root));
        }
        Schedule schedule = ScenarioJson.parseSchedule(root, "testDuration");
        if (schedule == null) {
            throw ApiException.badBody(null, "send the schedule fields: scheduleDate and scheduleTime, with recurrence "
                    + "for repeated runs, or cronValue; scheduleTimezone and cronExpiryDate as needed");
        }
        Duration testDuration = Duration.ZERO;
        JsonNode duration = root.get("testDuration");
        if (duration != null && !duration.isNull()) {
            try {
                testDuration = DltDuration.parse(text(duration, "testDuration")).toJava();
            } catch (IllegalArgumentException e) {
                throw ApiException.badBody("testDuration", "must be a duration such as 90s or 5m: " + e.getMessage());
            }
        }
        return new SchedulePreview(schedule, testDuration);
    }

    /** {@code {"fileName", "testType"?}} (POST .../upload-url). */
    public record Upload(String fileName, String testType) {
    }

    public static Upload upload(String body) {
        Map<String, JsonNode> fields = object(body, Set.of("fileName", "testType"), Set.of("fileName"));
        return new Upload(text(fields.get("fileName"), "fileName"),
                fields.containsKey("testType") ? text(fields.get("testType"), "testType") : null);
    }

    private static Map<String, JsonNode> object(String body, Set<String> known, Set<String> required) {
        JsonNode root = json(body);
        if (!root.isObject()) {
            throw ApiException.badBody(null, "must be a JSON object, not " + typeName(root));
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!known.contains(entry.getKey())) {
                throw ApiException.badBody(entry.getKey(), "is not a field of this request; it takes "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        for (String name : required.stream().sorted().toList()) {
            if (!root.has(name)) {
                throw ApiException.badBody(name, "is required");
            }
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        root.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badBody(null, "the request needs a JSON body");
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw ApiException.badBody(null, "the body is not valid JSON" + where);
        }
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw ApiException.badBody(field, "must be a string, not " + typeName(node));
        }
        return node.textValue();
    }

    private static String id(JsonNode node, String field) {
        String value = text(node, field);
        if (!ID.matcher(value).matches()) {
            throw ApiException.badBody(field, "must be a test run id: 1 to 128 letters, digits or hyphens");
        }
        return value;
    }

    private static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "something else";
        };
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static ApiException tooLarge() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, null,
                "the request body is larger than " + MAX_BYTES + " bytes (1 MB)");
    }
}
