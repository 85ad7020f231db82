package dlt.loadtester.engine;

import dlt.core.result.Histograms;
import org.HdrHistogram.Histogram;

/**
 * What one event loop measured during one second of the measured window. Loops hand finished buckets
 * to the {@link SecondAggregator}, which merges them into the timeline and the live line.
 */
final class SecondBucket {
    final int loop;
    final long second;
    long ok;
    long fail;
    long bytes;
    int users;
    final Histogram responseTime = Histograms.newCoarse();

    SecondBucket(int loop, long second) {
        this.loop = loop;
        this.second = second;
    }
}
