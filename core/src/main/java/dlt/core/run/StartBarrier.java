package dlt.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The start barrier ({@code results/{testId}/{testRunId}/start}): written by the task runner once every
 * worker of every region runs; each worker starts its load at {@code startAt} (epoch ms), so all of
 * them start within the clocks' skew of each other.
 */
public record StartBarrier(long startAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        return ("{\"startAt\":" + startAt + "}").getBytes(StandardCharsets.UTF_8);
    }

    public static StartBarrier parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode at = node == null ? null : node.get("startAt");
            if (at == null || !at.canConvertToLong()) throw new IllegalArgumentException("start barrier has no numeric startAt");
            return new StartBarrier(at.asLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("start barrier is not JSON", e);
        }
    }
}
