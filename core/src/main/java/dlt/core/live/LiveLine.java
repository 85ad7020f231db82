package dlt.core.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.result.Histograms;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One second of one task, printed as a single JSON line on the worker's stdout
 * ({@code "schema": "dlt.live.v1"}). Counts are for that second only; {@code hist} holds that
 * second's response times (µs) and is shipped at 2 significant digits.
 */
public record LiveLine(
    String testId,
    String testRunId,
    String region,
    String taskId,
    long second,
    int users,
    long ok,
    long fail,
    long bytes,
    Histogram hist) {

  public static final String SCHEMA = "dlt.live.v1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public LiveLine {
    hist = hist == null ? Histograms.newCoarse() : hist;
  }

  public String toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", SCHEMA);
    node.put("testId", testId);
    node.put("testRunId", testRunId);
    node.put("region", region);
    node.put("taskId", taskId);
    node.put("second", second);
    node.put("users", users);
    node.put("ok", ok);
    node.put("fail", fail);
    node.put("bytes", bytes);
    node.put("hist", Histograms.encode(Histograms.toCoarse(hist)));
    return node.toString();
  }

  /**
   * The live line in {@code line}, or empty for anything else a worker's stdout may carry (logs,
   * other schemas, truncated or damaged lines). Never throws.
   */
  public static Optional<LiveLine> parse(String line) {
    if (line == null || !line.contains(SCHEMA)) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(line.strip());
      if (node == null || !node.isObject() || !SCHEMA.equals(text(node, "schema"))) {
        return Optional.empty();
      }
      String testId = text(node, "testId");
      String testRunId = text(node, "testRunId");
      String region = text(node, "region");
      String taskId = text(node, "taskId");
      long second = count(node, "second");
      long users = count(node, "users");
      long ok = count(node, "ok");
      long fail = count(node, "fail");
      long bytes = count(node, "bytes");
      String hist = text(node, "hist");
      if (testId == null || testRunId == null || region == null || taskId == null
          || hist == null || second < 0 || users < 0 || users > Integer.MAX_VALUE
          || ok < 0 || fail < 0 || bytes < 0) {
        return Optional.empty();
      }
      return Optional.of(new LiveLine(testId, testRunId, region, taskId, second, (int) users, ok,
          fail, bytes, Histograms.decode(hist)));
    } catch (Exception e) {
      // Foreign output on the same stream is expected; a damaged line is skipped, not fatal.
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** The non-negative whole number at {@code field}, or -1 when it is absent or not one. */
  private static long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isIntegralNumber() && value.canConvertToLong()
        ? value.longValue() : -1;
  }
}
