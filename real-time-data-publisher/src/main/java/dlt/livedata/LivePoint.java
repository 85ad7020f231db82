package dlt.livedata;

import dlt.core.live.LiveLine;
import dlt.core.result.Histograms;
import java.util.HashSet;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * One second of one region of one test, merged from the live lines of every task in a batch: counts and
 * users summed, histograms added, so its percentiles are those of all the second's responses.
 */
final class LivePoint {

    /** Which points merge. */
    record Key(String testId, String region, long second) {
    }

    private final Key key;
    private final Histogram responseTimes = Histograms.newCoarse();
    private final Set<String> tasks = new HashSet<>();
    private long users;
    private long ok;
    private long fail;
    private long bytes;

    LivePoint(Key key) {
        this.key = key;
    }

    static Key keyOf(LiveLine line) {
        return new Key(line.testId(), line.region(), line.second());
    }

    void add(LiveLine line) {
        tasks.add(line.taskId());
        users += line.users();
        ok += line.ok();
        fail += line.fail();
        bytes += line.bytes();
        responseTimes.add(line.hist());
    }

    Key key() {
        return key;
    }

    long users() {
        return users;
    }

    long ok() {
        return ok;
    }

    long fail() {
        return fail;
    }

    long bytes() {
        return bytes;
    }

    int tasks() {
        return tasks.size();
    }

    /** Mean response time in seconds (DLT's {@code avgRt}); 0 for a second without responses. */
    double averageSeconds() {
        return responseTimes.getTotalCount() == 0 ? 0 : responseTimes.getMean() / 1_000_000.0;
    }

    double percentileMillis(double percentile) {
        return responseTimes.getTotalCount() == 0 ? 0 : responseTimes.getValueAtPercentile(percentile) / 1000.0;
    }
}
