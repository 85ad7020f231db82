package dlt.loadtester.engine;

import dlt.core.live.LiveLine;
import dlt.core.result.Histograms;
import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
import dlt.core.result.Window;
import dlt.loadtester.plan.LoadPlan;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Records the samples of a load generator that is not the event loop (JMeter's threads, Locust's and
 * k6's reports) into the same {@link LabelRecorder}s, per-second buckets, {@link SecondAggregator} and
 * {@link TimelineBuilder} the native engine uses, so live lines, progress and the result file are
 * built by the same code for every test type. Samples may come from any thread. The measured window
 * starts at the first sample (a tool's own start-up, JMeter loading its classes or Python importing
 * Locust, is not load) and ends at {@link #finish}; scripts have no separate warm-up.
 */
public final class SampleRecorder {
    private static final long REPORT_INTERVAL_MILLIS = 200;
    private static final int ONLY_SOURCE = 0;

    private final LoadPlan.RunIdentity identity;
    private final RunListener listener;
    private final LoadClock clock;
    private final SecondAggregator aggregator;
    private final Map<String, LabelRecorder> labels = new LinkedHashMap<>();
    private final TimelineBuilder timeline = new TimelineBuilder();
    private final Histogram overall = Histograms.newCoarse();
    private final Thread reporter;
    private SecondBucket bucket;
    private int activeUsers;
    private long firstSampleNanos = -1;
    private volatile boolean finished;
    // reporter-thread state, as in RunningTest
    private long requests;
    private long failures;
    private int maxUsers;
    private double lastSecondRate;

    private SampleRecorder(LoadPlan.RunIdentity identity, long plannedNanos, RunListener listener, Clock wallClock) {
        this.identity = identity;
        this.listener = listener;
        long now = System.nanoTime();
        this.clock = new LoadClock(now, wallClock.millis(), now, now + Math.max(plannedNanos, 0));
        this.aggregator = new SecondAggregator(1, clock.epochSecond(now));
        this.reporter = new Thread(this::report, "dlt-script-reporter");
        this.reporter.setDaemon(true);
    }

    /**
     * A recorder whose measured window begins now.
     *
     * @param plannedNanos how long the run is expected to last, for progress displays (0: unknown)
     */
    public static SampleRecorder start(LoadPlan.RunIdentity identity, long plannedNanos, RunListener listener, Clock clock) {
        SampleRecorder recorder = new SampleRecorder(identity, plannedNanos, listener, clock);
        recorder.reporter.start();
        return recorder;
    }

    /**
     * One finished request, as the script's tool measured it.
     *
     * @param status         the HTTP status, or 0 when there was no response
     * @param error          why it failed, or null when it succeeded
     * @param responseMicros the whole request, as the tool measured it
     * @param connectMicros  the connect time, or -1 when the connection was reused or the tool does not say
     * @param firstByteMicros time to the first byte, or -1 when the tool does not say
     */
    public synchronized void record(String label, int status, ErrorKind error, long bytesSent, long bytesReceived,
                                    long responseMicros, long connectMicros, long firstByteMicros) {
        if (finished) return;
        long now = System.nanoTime();
        if (firstSampleNanos < 0) firstSampleNanos = now - responseMicros * 1000;
        labels.computeIfAbsent(label, l -> new LabelRecorder())
                .record(status, error, false, bytesSent, bytesReceived, responseMicros, responseMicros, connectMicros,
                        firstByteMicros);
        SecondBucket b = bucketFor(now);
        if (error == null) b.ok++;
        else b.fail++;
        b.bytes += bytesReceived;
        Histograms.record(b.responseTime, responseMicros);
    }

    /** How many virtual users the tool runs now (shown in live lines and the timeline). */
    public synchronized void activeUsers(int users) {
        activeUsers = Math.max(0, users);
    }

    /**
     * Ends the measured window and builds the result; samples recorded later are ignored.
     *
     * @param complete false when the run was cut short (stop, SIGTERM)
     */
    public WorkerResult finish(boolean complete) throws InterruptedException {
        long endNanos;
        synchronized (this) {
            if (finished) throw new IllegalStateException("the recorder has finished already");
            finished = true;
            endNanos = System.nanoTime();
            if (bucket != null) {
                bucket.users = activeUsers;
                aggregator.offer(bucket);
                bucket = null;
            }
            aggregator.loopDone(ONLY_SOURCE);
        }
        reporter.join();
        return buildResult(complete, endNanos);
    }

    private SecondBucket bucketFor(long now) {
        long second = clock.epochSecond(now);
        if (bucket == null || bucket.second != second) {
            if (bucket != null) {
                bucket.users = activeUsers;
                aggregator.offer(bucket);
            }
            bucket = new SecondBucket(ONLY_SOURCE, second);
        }
        return bucket;
    }

    /** The reporter's tick: seconds before the current one are final once no sample can land in them. */
    private synchronized void advance() {
        if (finished) return;
        long second = clock.epochSecond(System.nanoTime());
        if (bucket != null && bucket.second < second) {
            bucket.users = activeUsers;
            aggregator.offer(bucket);
            bucket = null;
        }
        aggregator.loopReachedSecond(ONLY_SOURCE, second, activeUsers);
    }

    private void report() {
        try {
            while (true) {
                advance();
                boolean done = aggregator.allDone();
                for (SecondAggregator.Second s : aggregator.poll()) publish(s);
                listener.onProgress(progress());
                if (done) return;
                Thread.sleep(REPORT_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(SecondAggregator.Second s) {
        requests += s.ok() + s.fail();
        failures += s.fail();
        maxUsers = Math.max(maxUsers, s.users());
        lastSecondRate = s.ok() + s.fail();
        overall.add(s.responseTime());
        timeline.add(s);
        listener.onSecond(new LiveLine(identity.testId(), identity.testRunId(), identity.region(), identity.taskId(),
                s.second(), s.users(), s.ok(), s.fail(), s.bytes(), s.responseTime()));
    }

    private RunListener.Progress progress() {
        long elapsed = Math.max(0, System.nanoTime() - clock.startNanos());
        long total = clock.endNanos() - clock.startNanos();
        if (total <= 0) total = elapsed; // unknown length (a plan's own thread groups): show elapsed time only
        double p95 = overall.getTotalCount() == 0 ? 0 : overall.getValueAtPercentile(95) / 1000.0;
        int users;
        synchronized (this) {
            users = activeUsers;
        }
        return new RunListener.Progress(Math.min(elapsed, total), total, false, requests, failures, lastSecondRate, p95, users);
    }

    private WorkerResult buildResult(boolean complete, long endNanos) {
        Map<String, LabelResult> results = new LinkedHashMap<>();
        LabelResult total = LabelResult.empty();
        synchronized (this) {
            for (Map.Entry<String, LabelRecorder> e : labels.entrySet()) {
                LabelResult label = e.getValue().toResult();
                results.put(e.getKey(), label);
                total = total.plus(label);
            }
        }
        long startNanos;
        synchronized (this) {
            startNanos = firstSampleNanos < 0 ? clock.startNanos() : Math.max(clock.startNanos(), firstSampleNanos);
        }
        Window measured = new Window(clock.epochMillis(startNanos), clock.epochMillis(endNanos));
        return new WorkerResult(WorkerResult.CURRENT_VERSION, identity.testId(), identity.testRunId(), identity.region(),
                identity.taskId(), measured, null, null, complete, 0, 0, maxUsers, total, results, timeline.build());
    }
}
