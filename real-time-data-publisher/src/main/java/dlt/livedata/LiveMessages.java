package dlt.livedata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the merged points of one test into the payloads published on {@code dlt/{testId}}: DLT's shape
 * {@code {"<region>": [{testId, vu, succ, fail, avgRt, timestamp}, ...]}} plus {@code rps}, {@code p95Ms},
 * {@code p99Ms}, {@code tasks}, split so that no payload is larger than the limit. A (region, second) is in
 * exactly one payload of a batch.
 */
final class LiveMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveMessages() {
    }

    static List<byte[]> payloads(List<LivePoint> points, int maxBytes) {
        List<LivePoint> ordered = new ArrayList<>(points);
        ordered.sort(Comparator.comparing((LivePoint p) -> p.key().region()).thenComparingLong(p -> p.key().second()));
        List<byte[]> payloads = new ArrayList<>();
        Payload current = new Payload();
        for (LivePoint point : ordered) {
            String region = point.key().region();
            String json = pointJson(point);
            if (!current.isEmpty() && current.sizeWith(region, json) > maxBytes) {
                payloads.add(current.bytes());
                current = new Payload();
            }
            current.add(region, json);
        }
        if (!current.isEmpty()) {
            payloads.add(current.bytes());
        }
        return payloads;
    }

    static String pointJson(LivePoint point) {
        ObjectNode node = JSON.createObjectNode();
        node.put("testId", point.key().testId());
        node.put("vu", point.users());
        node.put("succ", point.ok());
        node.put("fail", point.fail());
        node.put("avgRt", point.averageSeconds());
        node.put("timestamp", point.key().second() * 1000);
        node.put("rps", point.ok() + point.fail());
        node.put("p95Ms", point.percentileMillis(95));
        node.put("p99Ms", point.percentileMillis(99));
        node.put("tasks", point.tasks());
        return node.toString();
    }

    /** One payload being filled, with its exact size in UTF-8 bytes kept as points are added. */
    private static final class Payload {
        private final Map<String, List<String>> regions = new LinkedHashMap<>();
        private int size = 2; // {}

        boolean isEmpty() {
            return regions.isEmpty();
        }

        int sizeWith(String region, String json) {
            int added = utf8(json);
            if (regions.containsKey(region)) {
                return size + 1 + added; // ,point
            }
            return size + (regions.isEmpty() ? 0 : 1) + utf8(quoted(region)) + 3 + added; // ,"region":[point]
        }

        void add(String region, String json) {
            size = sizeWith(region, json);
            regions.computeIfAbsent(region, r -> new ArrayList<>()).add(json);
        }

        byte[] bytes() {
            StringBuilder out = new StringBuilder(size).append('{');
            boolean first = true;
            for (Map.Entry<String, List<String>> region : regions.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quoted(region.getKey())).append(":[").append(String.join(",", region.getValue())).append(']');
            }
            return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String quoted(String text) {
            try {
                return JSON.writeValueAsString(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a string always serializes", e);
            }
        }

        private static int utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
