package dlt.core.result;

import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * A decoded histogram as it is shipped: only its populated values and their counts. Merging adds these
 * straight into the running totals, so a worker file's histograms never need to exist as histograms
 * (building one records every count once, and adding it records every count again).
 */
final class SparseHistogram {

    private final int digits;
    private final long lowest;
    private final long[] values;
    private final long[] counts;
    /** Set instead of the arrays for an encoding the compact reader does not handle. */
    private final Histogram whole;

    SparseHistogram(int digits, long lowest, long[] values, long[] counts) {
        this.digits = digits;
        this.lowest = lowest;
        this.values = values;
        this.counts = counts;
        this.whole = null;
    }

    private SparseHistogram(Histogram whole) {
        this.digits = whole.getNumberOfSignificantValueDigits();
        this.lowest = whole.getLowestDiscernibleValue();
        this.values = null;
        this.counts = null;
        this.whole = whole;
    }

    /** @throws IllegalArgumentException when the text is not an encoded histogram */
    static SparseHistogram decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("histogram is not base64: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("histogram is empty");
        }
        SparseHistogram sparse = CompactDecoder.sparse(bytes);
        return sparse != null ? sparse : new SparseHistogram(Histograms.decode(base64));
    }

    /** An empty running total with room for these values: the full range, this precision. */
    Histogram newTotal() {
        return new Histogram(lowest, Histograms.HIGHEST_MICROS, digits);
    }

    /** Adds every count into {@code total}: the largest and smallest first, each a compare-and-set once. */
    void addTo(Histogram total) {
        if (whole != null) {
            total.add(whole);
            return;
        }
        int n = values.length;
        if (n > 0) {
            total.recordValueWithCount(values[n - 1], counts[n - 1]);
        }
        if (n > 1) {
            total.recordValueWithCount(values[0], counts[0]);
        }
        for (int i = 1; i < n - 1; i++) {
            total.recordValueWithCount(values[i], counts[i]);
        }
    }

    /** As a histogram of its own, sized to its values. */
    Histogram toHistogram() {
        if (whole != null) {
            return whole;
        }
        long highest = Math.max(2 * lowest, values.length == 0 ? 2 * lowest : 2 * values[values.length - 1]);
        Histogram histogram = new Histogram(lowest, highest, digits);
        histogram.setAutoResize(true);
        addTo(histogram);
        return histogram;
    }
}
