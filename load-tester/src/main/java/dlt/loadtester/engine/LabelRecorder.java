package dlt.loadtester.engine;

import dlt.core.result.Histograms;
import dlt.core.result.LabelResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counters and histograms of one label on one event loop. Only that loop writes to it, so recording is
 * plain field updates and array increments: no locks and no allocation per request.
 */
final class LabelRecorder {
    private static final int STATUS_SLOTS = 600;
    private static final ErrorKind[] KINDS = ErrorKind.values();

    long requests;
    long successes;
    long failures;
    long bytesSent;
    long bytesReceived;
    long checksPassed;
    long checksFailed;
    final long[] statusCounts = new long[STATUS_SLOTS];
    final long[] errorCounts = new long[KINDS.length];
    final Histogram responseTime = Histograms.newDetailed();
    final Histogram serviceTime = Histograms.newDetailed();
    final Histogram connectTime = Histograms.newDetailed();
    final Histogram timeToFirstByte = Histograms.newDetailed();

    void record(int status, ErrorKind error, boolean checked, long sent, long received,
                long responseMicros, long serviceMicros, long connectMicros, long firstByteMicros) {
        requests++;
        if (error == null) successes++;
        else {
            failures++;
            errorCounts[error.ordinal()]++;
        }
        if (checked) {
            if (error == ErrorKind.CHECK_STATUS || error == ErrorKind.CHECK_BODY) checksFailed++;
            else if (status > 0) checksPassed++;
        }
        if (status > 0 && status < STATUS_SLOTS) statusCounts[status]++;
        bytesSent += sent;
        bytesReceived += received;
        Histograms.record(responseTime, responseMicros);
        Histograms.record(serviceTime, serviceMicros);
        if (connectMicros >= 0) Histograms.record(connectTime, connectMicros);
        if (firstByteMicros >= 0) Histograms.record(timeToFirstByte, firstByteMicros);
    }

    LabelResult toResult() {
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int s = 0; s < STATUS_SLOTS; s++) if (statusCounts[s] > 0) statuses.put(s, statusCounts[s]);
        Map<String, Long> errors = new LinkedHashMap<>();
        for (ErrorKind k : KINDS) if (errorCounts[k.ordinal()] > 0) errors.put(k.wireName(), errorCounts[k.ordinal()]);
        return new LabelResult(requests, successes, failures, statuses, errors, bytesSent, bytesReceived,
                checksPassed, checksFailed, responseTime.copy(), serviceTime.copy(), connectTime.copy(),
                timeToFirstByte.copy());
    }
}
