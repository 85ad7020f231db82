package dlt.loadtester.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The completion marker a worker writes after its result file
 * ({@code results/{testId}/{testRunId}/completion/{region}/{taskId}}): {@code complete} is false when the
 * worker was stopped before its test ended, {@code requests} counts the measured window.
 */
public record CompletionMarker(String taskId, boolean complete, long requests) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("taskId", taskId);
        node.put("complete", complete);
        node.put("requests", requests);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static CompletionMarker parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.path("taskId").isTextual() || !node.path("complete").isBoolean()
                    || !node.path("requests").canConvertToLong()) {
                throw new IllegalArgumentException("a completion marker needs taskId, complete and requests");
            }
            return new CompletionMarker(node.get("taskId").asText(), node.get("complete").asBoolean(),
                    node.get("requests").asLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("a completion marker is JSON", e);
        }
    }
}
