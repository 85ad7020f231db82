package dlt.loadtester.engine;

import dlt.core.result.Histograms;
import dlt.core.result.Timeline;
import dlt.core.result.TimelinePoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The result's timeline: one point per second, each histogram kept in packed form; a long test is
 * compacted to wider buckets as it goes, so memory stays bounded and every point still merges exactly.
 */
final class TimelineBuilder {
    private final List<TimelinePoint> points = new ArrayList<>();

    void add(SecondAggregator.Second s) {
        // decode(encode(h)) yields a packed histogram: a few hundred bytes instead of a full bucket array
        points.add(new TimelinePoint(s.second(), 1, s.ok() + s.fail(), s.fail(), s.bytes(), s.users(),
                Histograms.decodePacked(Histograms.encode(s.responseTime()))));
        if (points.size() > 2 * Timeline.MAX_POINTS) {
            List<TimelinePoint> compacted = Timeline.compact(points, Timeline.MAX_POINTS);
            points.clear();
            points.addAll(compacted);
        }
    }

    List<TimelinePoint> build() {
        return Timeline.compact(points, Timeline.MAX_POINTS);
    }
}
