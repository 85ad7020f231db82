package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.time.DltDuration;
import dlt.core.validation.Violations;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object, recording a violation for each missing, mistyped or unknown
 * field instead of stopping at the first. Absent and JSON null mean the same: not given.
 */
final class FieldReader {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");

    private final ObjectNode object;
    private final String path;
    private final Violations violations;
    private final boolean wasObject;
    private final Set<String> known = new HashSet<>();

    private FieldReader(ObjectNode object, String path, Violations violations, boolean wasObject) {
        this.object = object;
        this.path = path;
        this.violations = violations;
        this.wasObject = wasObject;
    }

    /** A reader over {@code node}; when it is not an object, a violation and a reader with no fields. */
    static FieldReader of(JsonNode node, String path, Violations violations) {
        if (node instanceof ObjectNode object) {
            return new FieldReader(object, path, violations, true);
        }
        violations.add(path, "type object", "must be a JSON object, not " + typeName(node));
        return new FieldReader(JsonNodeFactory.instance.objectNode(), path, violations, false);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return join(path, key);
    }

    Violations violations() {
        return violations;
    }

    void violation(String key, String rule, String message) {
        violations.add(key == null ? path : pathOf(key), rule, message);
    }

    /** The field's node, or null when absent or JSON null. */
    JsonNode node(String key) {
        known.add(key);
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String key) {
        return node(key) != null;
    }

    /** Records a "required" violation for each given key that is absent (unless this was no object). */
    void require(String... keys) {
        for (String key : keys) {
            if (!has(key) && wasObject) {
                violations.add(pathOf(key), "required", "is required");
            }
        }
    }

    /** Accepts these keys (DLT sends them) without reading them. */
    void ignore(String... keys) {
        known.addAll(Set.of(keys));
    }

    void refuseUnknown() {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!known.contains(field.getKey())) {
                violations.add(pathOf(field.getKey()), "unknown field", "is not a field DLT or dlt knows");
            }
        }
    }

    String string(String key) {
        JsonNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(key, "string", value);
            return null;
        }
        return value.textValue();
    }

    Boolean bool(String key) {
        JsonNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            wrongType(key, "boolean", value);
            return null;
        }
        return value.booleanValue();
    }

    /** A whole number in {@code [min, max]}, given as a JSON number or a digit string (DLT v3 sends "1"). */
    Integer integer(String key, int min, int max) {
        JsonNode value = node(key);
        return value == null ? null : wholeNumber(value, pathOf(key), min, max, violations);
    }

    static Integer wholeNumber(JsonNode value, String field, int min, int max, Violations violations) {
        String rule = "integer " + min + ".." + max;
        String expected = "must be a whole number from " + min + " to " + max;
        BigDecimal number = null;
        if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            number = value.decimalValue();
        } else if (value.isTextual() && DIGITS.matcher(value.textValue()).matches()) {
            number = new BigDecimal(value.textValue());
        }
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            violations.add(field, rule, expected + ", not " + shortDescription(value));
            return null;
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            violations.add(field, rule, expected + ", not " + number.toPlainString());
            return null;
        }
        return number.intValueExact();
    }

    /** A finite JSON number. */
    Double number(String key) {
        JsonNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            wrongType(key, "number", value);
            return null;
        }
        return value.doubleValue();
    }

    DltDuration duration(String key) {
        String text = string(key);
        if (text == null) {
            return null;
        }
        try {
            return DltDuration.parse(text);
        } catch (IllegalArgumentException e) {
            violations.add(pathOf(key), "duration", e.getMessage());
            return null;
        }
    }

    JsonNode object(String key) {
        JsonNode value = node(key);
        if (value != null && !value.isObject()) {
            wrongType(key, "object", value);
            return null;
        }
        return value;
    }

    ArrayNode array(String key) {
        JsonNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ArrayNode array)) {
            wrongType(key, "array", value);
            return null;
        }
        return array;
    }

    private void wrongType(String key, String expected, JsonNode value) {
        String article = expected.startsWith("a") || expected.startsWith("o") ? "an " : "a ";
        violations.add(pathOf(key), "type " + expected, "must be " + article + expected + ", not " + typeName(value));
    }

    /** A value's type, and the value itself when it is a short scalar. */
    static String shortDescription(JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            String text = value.isTextual() ? "\"" + value.textValue() + "\"" : value.asText();
            if (text.length() <= 40) {
                return text;
            }
        }
        return typeName(value);
    }
}
