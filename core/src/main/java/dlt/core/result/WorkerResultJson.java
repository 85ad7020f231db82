package dlt.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The worker result file format (version 1): ids, windows, counts, maps with string keys and
 * histograms as base64 compressed HdrHistograms (µs). Reading refuses unknown versions and
 * malformed files with an IllegalArgumentException that names the field at fault.
 */
public final class WorkerResultJson {
  private static final String DOCUMENT = "worker result";

  private WorkerResultJson() {}

  public static String write(WorkerResult result) {
    ObjectNode root = JsonFields.MAPPER.createObjectNode();
    root.put("version", result.version());
    root.put("testId", result.testId());
    root.put("testRunId", result.testRunId());
    root.put("region", result.region());
    root.put("taskId", result.taskId());
    root.set("measured", window(result.measured()));
    if (result.warmUp() != null) {
      root.set("warmUp", window(result.warmUp()));
    }
    if (result.warmUpTotal() != null) {
      root.set("warmUpTotal", labelResult(result.warmUpTotal()));
    }
    root.put("complete", result.complete());
    root.put("lateIterations", result.lateIterations());
    root.put("droppedIterations", result.droppedIterations());
    root.put("maxUsers", result.maxUsers());
    root.set("total", labelResult(result.total()));
    ObjectNode labels = root.putObject("labels");
    result.labels().forEach((name, label) -> labels.set(name, labelResult(label)));
    ArrayNode timeline = root.putArray("timeline");
    result.timeline().forEach(point -> timeline.add(timelinePoint(point)));
    return root.toString();
  }

  public static WorkerResult read(InputStream in) {
    try {
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the worker result", e);
    }
  }

  public static WorkerResult read(String json) {
    JsonFields fields = new JsonFields(DOCUMENT);
    JsonNode root = fields.parse(json);
    int version = fields.requiredInt(root, "version", "");
    if (version != WorkerResult.CURRENT_VERSION) {
      throw new IllegalArgumentException(DOCUMENT + " has version " + version
          + "; this build reads version " + WorkerResult.CURRENT_VERSION
          + (version > WorkerResult.CURRENT_VERSION ? " (the file is from a newer dlt)" : ""));
    }
    JsonNode warmUp = fields.optionalObject(root, "warmUp", "");
    JsonNode warmUpTotal = fields.optionalObject(root, "warmUpTotal", "");
    try {
      return new WorkerResult(
          version,
          fields.requiredText(root, "testId", ""),
          fields.requiredText(root, "testRunId", ""),
          fields.requiredText(root, "region", ""),
          fields.requiredText(root, "taskId", ""),
          readWindow(fields, fields.requiredObject(root, "measured", ""), "measured"),
          warmUp == null ? null : readWindow(fields, warmUp, "warmUp"),
          warmUpTotal == null ? null : readLabelResult(fields, warmUpTotal, "warmUpTotal"),
          fields.requiredBoolean(root, "complete", ""),
          fields.requiredCount(root, "lateIterations", ""),
          fields.requiredCount(root, "droppedIterations", ""),
          fields.requiredInt(root, "maxUsers", ""),
          readLabelResult(fields, fields.requiredObject(root, "total", ""), "total"),
          readLabels(fields, fields.requiredObject(root, "labels", "")),
          readTimeline(fields, fields.requiredArray(root, "timeline", "")));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(DOCUMENT)) {
        throw e;
      }
      throw new IllegalArgumentException(DOCUMENT + " is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a file for merging: the same checks as {@link #read}, with histograms kept as their populated
   * values (see {@link WorkerFile}), which is what makes merging thousands of files fast.
   */
  public static WorkerFile readForMerge(String json) {
    JsonFields fields = new JsonFields(DOCUMENT);
    JsonNode root = fields.parse(json);
    int version = fields.requiredInt(root, "version", "");
    if (version != WorkerResult.CURRENT_VERSION) {
      throw new IllegalArgumentException(DOCUMENT + " has version " + version
          + "; this build reads version " + WorkerResult.CURRENT_VERSION
          + (version > WorkerResult.CURRENT_VERSION ? " (the file is from a newer dlt)" : ""));
    }
    try {
      JsonNode warmUp = fields.optionalObject(root, "warmUp", "");
      if (warmUp != null) {
        readWindow(fields, warmUp, "warmUp");
      }
      JsonNode warmUpTotal = fields.optionalObject(root, "warmUpTotal", "");
      if (warmUpTotal != null) {
        readSparseLabel(fields, warmUpTotal, "warmUpTotal");
      }
      Map<String, WorkerFile.Label> labels = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : fields.requiredObject(root, "labels", "").properties()) {
        String path = JsonFields.join("labels", entry.getKey());
        labels.put(entry.getKey(), readSparseLabel(fields, fields.object(entry.getValue(), path), path));
      }
      JsonNode array = fields.requiredArray(root, "timeline", "");
      List<WorkerFile.Point> timeline = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        String path = "timeline[" + i + "]";
        JsonNode node = fields.object(array.get(i), path);
        timeline.add(new WorkerFile.Point(fields.requiredLong(node, "second", path), readWidth(fields, node, path),
            fields.requiredCount(node, "requests", path), fields.requiredCount(node, "failures", path),
            fields.requiredCount(node, "bytesReceived", path), fields.requiredInt(node, "users", path),
            sparseHistogram(fields, node, "responseTime", path)));
      }
      return new WorkerFile(
          fields.requiredText(root, "testId", ""),
          fields.requiredText(root, "testRunId", ""),
          fields.requiredText(root, "region", ""),
          fields.requiredText(root, "taskId", ""),
          readWindow(fields, fields.requiredObject(root, "measured", ""), "measured"),
          fields.requiredBoolean(root, "complete", ""),
          fields.requiredCount(root, "lateIterations", ""),
          fields.requiredCount(root, "droppedIterations", ""),
          fields.requiredInt(root, "maxUsers", ""),
          readSparseLabel(fields, fields.requiredObject(root, "total", ""), "total"),
          labels,
          timeline);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(DOCUMENT)) {
        throw e;
      }
      throw new IllegalArgumentException(DOCUMENT + " is invalid: " + e.getMessage(), e);
    }
  }

  private static WorkerFile.Label readSparseLabel(JsonFields fields, JsonNode node, String path) {
    return new WorkerFile.Label(
        fields.requiredCount(node, "requests", path),
        fields.requiredCount(node, "successes", path),
        fields.requiredCount(node, "failures", path),
        fields.requiredCounts(node, "statusCodes", path, Integer::valueOf),
        fields.requiredCounts(node, "errors", path, Function.identity()),
        fields.requiredCount(node, "bytesSent", path),
        fields.requiredCount(node, "bytesReceived", path),
        fields.requiredCount(node, "checksPassed", path),
        fields.requiredCount(node, "checksFailed", path),
        sparseHistogram(fields, node, "responseTime", path),
        sparseHistogram(fields, node, "serviceTime", path),
        sparseHistogram(fields, node, "connectTime", path),
        sparseHistogram(fields, node, "timeToFirstByte", path));
  }

  private static SparseHistogram sparseHistogram(JsonFields fields, JsonNode parent, String field, String path) {
    String encoded = fields.requiredText(parent, field, path);
    try {
      return SparseHistogram.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          DOCUMENT + " field '" + JsonFields.join(path, field) + "': " + e.getMessage(), e);
    }
  }

  private static int readWidth(JsonFields fields, JsonNode node, String path) {
    int width = fields.requiredInt(node, "widthSeconds", path);
    if (width < 1) {
      throw fields.problem(JsonFields.join(path, "widthSeconds"), "must be at least 1, was " + width);
    }
    return width;
  }

  static ObjectNode window(Window window) {
    ObjectNode node = JsonFields.MAPPER.createObjectNode();
    node.put("startEpochMs", window.startEpochMs());
    node.put("endEpochMs", window.endEpochMs());
    return node;
  }

  private static ObjectNode labelResult(LabelResult label) {
    ObjectNode node = JsonFields.MAPPER.createObjectNode();
    node.put("requests", label.requests());
    node.put("successes", label.successes());
    node.put("failures", label.failures());
    ObjectNode statusCodes = node.putObject("statusCodes");
    label.statusCodes().forEach((code, count) -> statusCodes.put(String.valueOf(code), count));
    ObjectNode errors = node.putObject("errors");
    label.errors().forEach(errors::put);
    node.put("bytesSent", label.bytesSent());
    node.put("bytesReceived", label.bytesReceived());
    node.put("checksPassed", label.checksPassed());
    node.put("checksFailed", label.checksFailed());
    node.put("responseTime", Histograms.encode(label.responseTime()));
    node.put("serviceTime", Histograms.encode(label.serviceTime()));
    node.put("connectTime", Histograms.encode(label.connectTime()));
    node.put("timeToFirstByte", Histograms.encode(label.timeToFirstByte()));
    return node;
  }

  private static ObjectNode timelinePoint(TimelinePoint point) {
    ObjectNode node = JsonFields.MAPPER.createObjectNode();
    node.put("second", point.second());
    node.put("widthSeconds", point.widthSeconds());
    node.put("requests", point.requests());
    node.put("failures", point.failures());
    node.put("bytesReceived", point.bytesReceived());
    node.put("users", point.users());
    node.put("responseTime", Histograms.encode(point.responseTime()));
    return node;
  }

  private static Window readWindow(JsonFields fields, JsonNode node, String path) {
    long start = fields.requiredLong(node, "startEpochMs", path);
    long end = fields.requiredLong(node, "endEpochMs", path);
    if (end < start) {
      throw fields.problem(path, "ends (" + end + ") before it starts (" + start + ")");
    }
    return new Window(start, end);
  }

  private static LabelResult readLabelResult(JsonFields fields, JsonNode node, String path) {
    return new LabelResult(
        fields.requiredCount(node, "requests", path),
        fields.requiredCount(node, "successes", path),
        fields.requiredCount(node, "failures", path),
        fields.requiredCounts(node, "statusCodes", path, Integer::valueOf),
        fields.requiredCounts(node, "errors", path, Function.identity()),
        fields.requiredCount(node, "bytesSent", path),
        fields.requiredCount(node, "bytesReceived", path),
        fields.requiredCount(node, "checksPassed", path),
        fields.requiredCount(node, "checksFailed", path),
        fields.requiredHistogram(node, "responseTime", path),
        fields.requiredHistogram(node, "serviceTime", path),
        fields.requiredHistogram(node, "connectTime", path),
        fields.requiredHistogram(node, "timeToFirstByte", path));
  }

  private static Map<String, LabelResult> readLabels(JsonFields fields, JsonNode node) {
    Map<String, LabelResult> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String path = JsonFields.join("labels", entry.getKey());
      labels.put(entry.getKey(), readLabelResult(fields, fields.object(entry.getValue(), path), path));
    }
    return labels;
  }

  private static List<TimelinePoint> readTimeline(JsonFields fields, JsonNode array) {
    List<TimelinePoint> timeline = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "timeline[" + i + "]";
      JsonNode node = fields.object(array.get(i), path);
      int width = readWidth(fields, node, path);
      timeline.add(new TimelinePoint(
          fields.requiredLong(node, "second", path),
          width,
          fields.requiredCount(node, "requests", path),
          fields.requiredCount(node, "failures", path),
          fields.requiredCount(node, "bytesReceived", path),
          fields.requiredInt(node, "users", path),
          fields.requiredHistogram(node, "responseTime", path)));
    }
    return timeline;
  }
}
