package dlt.loadtester.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.loadtester.engine.ErrorKind;
import dlt.loadtester.engine.SampleRecorder;

/**
 * Reads k6's JSON output ({@code k6 run --out json=FILE}: one JSON object a line, {@code Metric}
 * declarations and {@code Point} samples) into the recorder. Each {@code http_req_duration} point is
 * one request: its value (milliseconds, with fractions) is the response time, its {@code name} tag the
 * label (k6 defaults it to the URL), its {@code status} tag the status, and {@code expected_response}
 * says whether k6 counts it as failed. {@code vus} points give the active users. Other metrics
 * (checks, iterations, data totals) are not per request and are left out.
 */
final class K6JsonOutput {
    private final ObjectMapper json = new ObjectMapper();
    private long skippedLines;

    /** Records one line of the output; lines that are not JSON (a line cut short at the end) are counted and skipped. */
    void accept(String line, SampleRecorder recorder) {
        if (line.isBlank()) return;
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            skippedLines++;
            return;
        }
        if (!"Point".equals(node.path("type").asText())) return;
        String metric = node.path("metric").asText();
        JsonNode data = node.path("data");
        if (metric.equals("vus")) {
            recorder.activeUsers(data.path("value").asInt());
        } else if (metric.equals("http_req_duration")) {
            recordRequest(data, recorder);
        }
    }

    long skippedLines() {
        return skippedLines;
    }

    private static void recordRequest(JsonNode data, SampleRecorder recorder) {
        JsonNode tags = data.path("tags");
        String label = text(tags, "name");
        if (label == null) label = text(tags, "url");
        if (label == null) label = "(unnamed)";
        int status = parseStatus(text(tags, "status"));
        long micros = Math.round(data.path("value").asDouble() * 1000.0);
        String expected = text(tags, "expected_response");
        boolean failed = status == 0 || "false".equals(expected);
        ErrorKind error = null;
        if (failed) {
            String message = text(tags, "error");
            if (message == null) message = text(tags, "error_code");
            error = ScriptErrors.classify(status, message);
        }
        recorder.record(label, status, error, 0, 0, micros, -1, -1);
    }

    private static String text(JsonNode tags, String name) {
        JsonNode v = tags.get(name);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static int parseStatus(String status) {
        if (status == null) return 0;
        try {
            return Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
