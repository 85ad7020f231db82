package dlt.core.result;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Strict reading of result documents: every problem becomes an IllegalArgumentException naming
 * the document and the field path, never a NullPointerException.
 */
final class JsonFields {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final String document;

  JsonFields(String document) {
    this.document = document;
  }

  JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      throw problem("", "is empty");
    }
    try {
      return object(MAPPER.readTree(json), "");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(document + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw problem(path, "must be a JSON object");
    }
    return node;
  }

  JsonNode requiredObject(JsonNode parent, String field, String path) {
    return object(required(parent, field, path), join(path, field));
  }

  /** The object at {@code field}, or null when absent or JSON null. */
  JsonNode optionalObject(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    return node == null || node.isNull() ? null : object(node, join(path, field));
  }

  JsonNode requiredArray(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (!node.isArray()) {
      throw problem(join(path, field), "must be an array");
    }
    return node;
  }

  long requiredLong(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw problem(join(path, field), "must be a whole number, was " + node);
    }
    return node.longValue();
  }

  long requiredCount(JsonNode parent, String field, String path) {
    long value = requiredLong(parent, field, path);
    if (value < 0) {
      throw problem(join(path, field), "must not be negative, was " + value);
    }
    return value;
  }

  int requiredInt(JsonNode parent, String field, String path) {
    long value = requiredLong(parent, field, path);
    if (value != (int) value) {
      throw problem(join(path, field), "is out of range: " + value);
    }
    return (int) value;
  }

  /** A number, or NaN for JSON null (how non-finite values are written). */
  double requiredDouble(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (node.isNull()) {
      return Double.NaN;
    }
    if (!node.isNumber()) {
      throw problem(join(path, field), "must be a number, was " + node);
    }
    return node.doubleValue();
  }

  boolean requiredBoolean(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (!node.isBoolean()) {
      throw problem(join(path, field), "must be true or false, was " + node);
    }
    return node.booleanValue();
  }

  String requiredText(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (!node.isTextual()) {
      throw problem(join(path, field), "must be a string, was " + node);
    }
    return node.textValue();
  }

  Histogram requiredHistogram(JsonNode parent, String field, String path) {
    String encoded = requiredText(parent, field, path);
    try {
      return Histograms.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          document + " field '" + join(path, field) + "': " + e.getMessage(), e);
    }
  }

  /** A map of non-negative counts whose JSON keys are turned into {@code K}. */
  <K> Map<K, Long> requiredCounts(
      JsonNode parent, String field, String path, Function<String, K> keyParser) {
    JsonNode node = requiredObject(parent, field, path);
    String mapPath = join(path, field);
    Map<K, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      K key;
      try {
        key = keyParser.apply(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw problem(mapPath, "has an invalid key '" + entry.getKey() + "'");
      }
      counts.put(key, requiredCount(node, entry.getKey(), mapPath));
    }
    return counts;
  }

  IllegalArgumentException problem(String path, String message) {
    String where = path.isEmpty() ? "" : " field '" + path + "'";
    return new IllegalArgumentException(document + where + " " + message);
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private JsonNode required(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null) {
      throw problem(join(path, field), "is missing");
    }
    return node;
  }
}
