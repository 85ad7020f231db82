package dlt.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.result.TimelinePoint;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The run over time and its percentile distribution, as columns (one array per field), the shape
 * charts take. Percentiles over time come from each point's merged histogram, never from averages.
 */
final class Series {
    /**
     * The distribution's percentiles: evenly spaced in "nines" (0, 43.8, 68.4, 82.2, 90, ..., 99.9999)
     * and 100, so the tail gets as much room as the body.
     */
    static final double[] DISTRIBUTION_PERCENTILES = distributionPercentiles();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Series() {
    }

    /**
     * Columns {@code second} (epoch second the bucket starts), {@code width} (seconds), {@code requests},
     * {@code failures}, {@code rps}, {@code errorsPerSecond}, {@code users} and {@code p50}, {@code p95},
     * {@code p99} (ms; null where a bucket has no request).
     */
    static ObjectNode timeline(List<TimelinePoint> points) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode second = node.putArray("second");
        ArrayNode width = node.putArray("width");
        ArrayNode requests = node.putArray("requests");
        ArrayNode failures = node.putArray("failures");
        ArrayNode rps = node.putArray("rps");
        ArrayNode errorsPerSecond = node.putArray("errorsPerSecond");
        ArrayNode users = node.putArray("users");
        ArrayNode p50 = node.putArray("p50");
        ArrayNode p95 = node.putArray("p95");
        ArrayNode p99 = node.putArray("p99");
        for (TimelinePoint point : points) {
            second.add(point.second());
            width.add(point.widthSeconds());
            requests.add(point.requests());
            failures.add(point.failures());
            rps.add(round3((double) point.requests() / point.widthSeconds()));
            errorsPerSecond.add(round3((double) point.failures() / point.widthSeconds()));
            users.add(point.users());
            Histogram histogram = point.responseTime();
            addMillis(p50, histogram, 50);
            addMillis(p95, histogram, 95);
            addMillis(p99, histogram, 99);
        }
        return node;
    }

    /** Columns {@code percentile} and {@code ms}: the response time at each distribution percentile. */
    static ObjectNode distribution(Histogram micros) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode percentile = node.putArray("percentile");
        ArrayNode ms = node.putArray("ms");
        for (double p : DISTRIBUTION_PERCENTILES) {
            percentile.add(p);
            addMillis(ms, micros, p);
        }
        return node;
    }

    private static void addMillis(ArrayNode array, Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            array.addNull();
        } else {
            array.add(micros.getValueAtPercentile(percentile) / 1000.0);
        }
    }

    private static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static double[] distributionPercentiles() {
        int steps = 24;
        double[] percentiles = new double[steps + 2];
        for (int k = 0; k <= steps; k++) {
            double p = 100.0 * (1.0 - Math.pow(10.0, -k / 4.0));
            percentiles[k] = Math.round(p * 1e6) / 1e6;
        }
        percentiles[steps + 1] = 100.0;
        return percentiles;
    }
}
