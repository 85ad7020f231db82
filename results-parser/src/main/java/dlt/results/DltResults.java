package dlt.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.result.LabelResult;
import dlt.core.result.MergedResult;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * DLT's {@code results} object ({@code {total: {...}, <region>: {...}}}, DLT-REFERENCE §5) from the
 * exact merge, so DLT clients keep working. Keys and units are DLT's: times in seconds (here with
 * microsecond precision, as numbers), {@code throughput} is the request count, {@code bytes} the
 * bytes received, {@code concurrency} the sum of the workers' peak users, {@code testDuration} the
 * measured window in whole seconds. Unlike DLT nothing is averaged across tasks: counts are summed and
 * percentiles come from merged histograms. {@code rc} lists the status codes outside DLT's accepted
 * list and the failures without an HTTP status (by error kind), so the accepted codes plus {@code rc}
 * add up to {@code throughput}.
 */
final class DltResults {
    /** DLT's accepted status codes, left out of {@code rc}. */
    static final Set<Integer> ACCEPTED_CODES = Set.of(200, 201, 202, 204, 300, 301, 302, 303, 304, 307, 308, 101, 1000);

    /** Error kinds recorded without any HTTP status: they stand for their requests in {@code rc}. */
    static final Set<String> TRANSPORT_ERRORS = Set.of("connect_refused", "connect_timeout", "response_timeout",
            "connection_closed", "tls_error", "protocol_error", "io_error");

    /** Requests that got no status and whose error kind is not a transport error. */
    static final String NO_RESPONSE = "no_response";

    /** The most requested labels first, then by name: the order of every {@code labels} array. */
    static final Comparator<Map.Entry<String, LabelResult>> BUSIEST_FIRST =
            Comparator.<Map.Entry<String, LabelResult>>comparingLong(e -> e.getValue().requests()).reversed()
                    .thenComparing(Map.Entry::getKey);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DltResults() {
    }

    /** The results object with at most {@code labelLimit} labels per scope, the busiest kept. */
    static ObjectNode of(MergedResult total, Map<String, MergedResult> regions, int labelLimit) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("total", scope(total, labelLimit));
        regions.forEach((region, merged) -> root.set(region, scope(merged, labelLimit)));
        return root;
    }

    static List<Map.Entry<String, LabelResult>> busiest(Map<String, LabelResult> labels, int limit) {
        return labels.entrySet().stream().sorted(BUSIEST_FIRST).limit(limit).toList();
    }

    private static ObjectNode scope(MergedResult merged, int labelLimit) {
        long duration = Math.round(merged.measured().seconds());
        ObjectNode node = stats(merged.total(), duration, merged.users());
        ArrayNode labels = node.putArray("labels");
        for (Map.Entry<String, LabelResult> label : busiest(merged.labels(), labelLimit)) {
            ObjectNode labelNode = labels.addObject();
            labelNode.put("label", label.getKey());
            labelNode.setAll(stats(label.getValue(), duration, merged.users()));
        }
        return node;
    }

    static ObjectNode stats(LabelResult result, long testDuration, long users) {
        ObjectNode node = MAPPER.createObjectNode();
        Histogram rt = result.responseTime();
        node.put("throughput", result.requests());
        node.put("succ", result.successes());
        node.put("fail", result.failures());
        node.put("avg_rt", seconds(rt.getTotalCount() == 0 ? 0 : rt.getMean()));
        node.put("avg_lt", seconds(mean(result.timeToFirstByte())));
        node.put("avg_ct", seconds(mean(result.connectTime())));
        node.put("stdev_rt", seconds(rt.getTotalCount() == 0 ? 0 : rt.getStdDeviation()));
        node.put("bytes", result.bytesReceived());
        node.put("concurrency", users);
        node.put("testDuration", testDuration);
        node.put("p0_0", percentile(rt, 0));
        node.put("p50_0", percentile(rt, 50));
        node.put("p90_0", percentile(rt, 90));
        node.put("p95_0", percentile(rt, 95));
        node.put("p99_0", percentile(rt, 99));
        node.put("p99_9", percentile(rt, 99.9));
        node.put("p100_0", percentile(rt, 100));
        node.set("rc", rc(result));
        return node;
    }

    private static ArrayNode rc(LabelResult result) {
        ArrayNode rc = MAPPER.createArrayNode();
        long withStatus = 0;
        for (Map.Entry<Integer, Long> code : result.statusCodes().entrySet()) {
            withStatus += code.getValue();
            if (!ACCEPTED_CODES.contains(code.getKey())) {
                rc.addObject().put("code", code.getKey()).put("count", code.getValue());
            }
        }
        long transport = 0;
        for (Map.Entry<String, Long> error : result.errors().entrySet()) {
            if (TRANSPORT_ERRORS.contains(error.getKey())) {
                transport += error.getValue();
                rc.addObject().put("code", error.getKey()).put("count", error.getValue());
            }
        }
        long unexplained = result.requests() - withStatus - transport;
        if (unexplained > 0) {
            rc.addObject().put("code", NO_RESPONSE).put("count", unexplained);
        }
        return rc;
    }

    private static double mean(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMean();
    }

    private static double percentile(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : seconds(micros.getValueAtPercentile(percentile));
    }

    /** Microseconds to seconds, rounded to the microsecond. */
    static double seconds(double micros) {
        return Math.round(micros) / 1_000_000.0;
    }
}
