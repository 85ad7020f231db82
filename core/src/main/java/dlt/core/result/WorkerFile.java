package dlt.core.result;

import java.util.List;
import java.util.Map;

/**
 * A worker result file read for merging ({@link WorkerResultJson#readForMerge}): every field checked as
 * {@link WorkerResultJson#read} checks it, histograms kept as their populated values so that
 * {@link ResultMerger#add(WorkerFile)} adds them straight into its totals.
 */
public final class WorkerFile {

    /** A label's (or the total's) counts and histograms. */
    record Label(long requests, long successes, long failures, Map<Integer, Long> statusCodes, Map<String, Long> errors,
                 long bytesSent, long bytesReceived, long checksPassed, long checksFailed, SparseHistogram responseTime,
                 SparseHistogram serviceTime, SparseHistogram connectTime, SparseHistogram timeToFirstByte)
            implements LabelCounts {
        Label {
            statusCodes = Counts.sortedCopy("statusCodes", statusCodes);
            errors = Counts.sortedCopy("errors", errors);
        }
    }

    /** One timeline bucket. */
    record Point(long second, int widthSeconds, long requests, long failures, long bytesReceived, int users,
                 SparseHistogram responseTime) {
        TimelinePoint toTimelinePoint() {
            return new TimelinePoint(second, widthSeconds, requests, failures, bytesReceived, users,
                    responseTime.toHistogram());
        }
    }

    private final String testId;
    private final String testRunId;
    private final String region;
    private final String taskId;
    final Window measured;
    final boolean complete;
    final long lateIterations;
    final long droppedIterations;
    final int maxUsers;
    final Label total;
    final Map<String, Label> labels;
    final List<Point> timeline;

    WorkerFile(String testId, String testRunId, String region, String taskId, Window measured, boolean complete,
            long lateIterations, long droppedIterations, int maxUsers, Label total, Map<String, Label> labels,
            List<Point> timeline) {
        this.testId = testId;
        this.testRunId = testRunId;
        this.region = region;
        this.taskId = taskId;
        this.measured = measured;
        this.complete = complete;
        this.lateIterations = Counts.requireNonNegative("lateIterations", lateIterations);
        this.droppedIterations = Counts.requireNonNegative("droppedIterations", droppedIterations);
        this.maxUsers = maxUsers;
        this.total = total;
        this.labels = Map.copyOf(labels);
        this.timeline = List.copyOf(timeline);
    }

    public String testId() {
        return testId;
    }

    public String testRunId() {
        return testRunId;
    }

    public String region() {
        return region;
    }

    public String taskId() {
        return taskId;
    }
}
