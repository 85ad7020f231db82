package dlt.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.threshold.ThresholdResult;
import dlt.core.threshold.ThresholdVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes and reads the run summary JSON; NaN values are written as null. */
final class RunSummaryJson {
  private static final String DOCUMENT = "run summary";

  private RunSummaryJson() {}

  static String write(RunSummary summary) {
    ObjectNode root = JsonFields.MAPPER.createObjectNode();
    root.put("version", summary.version());
    root.put("durationSeconds", summary.durationSeconds());
    writeLabelFields(root, summary.totals());
    ObjectNode labels = root.putObject("labels");
    summary.labels().forEach((name, label) -> writeLabelFields(labels.putObject(name), label));
    root.put("lateIterations", summary.lateIterations());
    root.put("droppedIterations", summary.droppedIterations());
    if (summary.thresholds() != null) {
      ObjectNode thresholds = root.putObject("thresholds");
      thresholds.put("passed", summary.thresholds().passed());
      ArrayNode results = thresholds.putArray("results");
      for (ThresholdResult result : summary.thresholds().results()) {
        ObjectNode node = results.addObject();
        node.put("metric", result.metric());
        node.put("expression", result.expression());
        putNumber(node, "actual", result.actual());
        node.put("passed", result.passed());
      }
    }
    return root.toString();
  }

  static RunSummary read(String json) {
    JsonFields fields = new JsonFields(DOCUMENT);
    JsonNode root = fields.parse(json);
    int version = fields.requiredInt(root, "version", "");
    if (version != RunSummary.CURRENT_VERSION) {
      throw new IllegalArgumentException(DOCUMENT + " has version " + version
          + "; this build reads version " + RunSummary.CURRENT_VERSION);
    }
    LabelSummary totals = readLabelFields(fields, root, "");
    Map<String, LabelSummary> labels = new LinkedHashMap<>();
    JsonNode labelsNode = fields.requiredObject(root, "labels", "");
    for (Map.Entry<String, JsonNode> entry : labelsNode.properties()) {
      String path = JsonFields.join("labels", entry.getKey());
      labels.put(entry.getKey(),
          readLabelFields(fields, fields.object(entry.getValue(), path), path));
    }
    JsonNode thresholds = fields.optionalObject(root, "thresholds", "");
    return new RunSummary(version, fields.requiredDouble(root, "durationSeconds", ""),
        totals.requests(), totals.successes(), totals.failures(), totals.rps(),
        totals.bytesSent(), totals.bytesReceived(), totals.checksPassed(), totals.checksFailed(),
        totals.responseTimeMs(), totals.statusCodes(), totals.errors(), labels,
        fields.requiredCount(root, "lateIterations", ""),
        fields.requiredCount(root, "droppedIterations", ""),
        thresholds == null ? null : readVerdict(fields, thresholds));
  }

  private static void writeLabelFields(ObjectNode node, LabelSummary label) {
    node.put("requests", label.requests());
    node.put("successes", label.successes());
    node.put("failures", label.failures());
    node.put("rps", label.rps());
    node.put("bytesSent", label.bytesSent());
    node.put("bytesReceived", label.bytesReceived());
    node.put("checksPassed", label.checksPassed());
    node.put("checksFailed", label.checksFailed());
    LatencyStats stats = label.responseTimeMs();
    ObjectNode latency = node.putObject("responseTimeMs");
    latency.put("min", stats.min());
    latency.put("avg", stats.avg());
    latency.put("max", stats.max());
    latency.put("stdev", stats.stdev());
    latency.put("p0", stats.p0());
    latency.put("p50", stats.p50());
    latency.put("p90", stats.p90());
    latency.put("p95", stats.p95());
    latency.put("p99", stats.p99());
    latency.put("p99_9", stats.p99_9());
    latency.put("p100", stats.p100());
    ObjectNode statusCodes = node.putObject("statusCodes");
    label.statusCodes().forEach((code, count) -> statusCodes.put(String.valueOf(code), count));
    ObjectNode errors = node.putObject("errors");
    label.errors().forEach(errors::put);
  }

  private static LabelSummary readLabelFields(JsonFields fields, JsonNode node, String path) {
    JsonNode latency = fields.requiredObject(node, "responseTimeMs", path);
    String latencyPath = JsonFields.join(path, "responseTimeMs");
    LatencyStats stats = new LatencyStats(
        fields.requiredDouble(latency, "min", latencyPath),
        fields.requiredDouble(latency, "avg", latencyPath),
        fields.requiredDouble(latency, "max", latencyPath),
        fields.requiredDouble(latency, "stdev", latencyPath),
        fields.requiredDouble(latency, "p0", latencyPath),
        fields.requiredDouble(latency, "p50", latencyPath),
        fields.requiredDouble(latency, "p90", latencyPath),
        fields.requiredDouble(latency, "p95", latencyPath),
        fields.requiredDouble(latency, "p99", latencyPath),
        fields.requiredDouble(latency, "p99_9", latencyPath),
        fields.requiredDouble(latency, "p100", latencyPath));
    return new LabelSummary(
        fields.requiredCount(node, "requests", path),
        fields.requiredCount(node, "successes", path),
        fields.requiredCount(node, "failures", path),
        fields.requiredDouble(node, "rps", path),
        fields.requiredCount(node, "bytesSent", path),
        fields.requiredCount(node, "bytesReceived", path),
        fields.requiredCount(node, "checksPassed", path),
        fields.requiredCount(node, "checksFailed", path),
        stats,
        fields.requiredCounts(node, "statusCodes", path, Integer::valueOf),
        fields.requiredCounts(node, "errors", path, Function.identity()));
  }

  private static ThresholdVerdict readVerdict(JsonFields fields, JsonNode node) {
    JsonNode array = fields.requiredArray(node, "results", "thresholds");
    List<ThresholdResult> results = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "thresholds.results[" + i + "]";
      JsonNode result = fields.object(array.get(i), path);
      results.add(new ThresholdResult(
          fields.requiredText(result, "metric", path),
          fields.requiredText(result, "expression", path),
          fields.requiredDouble(result, "actual", path),
          fields.requiredBoolean(result, "passed", path)));
    }
    return new ThresholdVerdict(fields.requiredBoolean(node, "passed", "thresholds"), results);
  }

  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
