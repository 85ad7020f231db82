package dlt.loadtester.engine;

import dlt.core.live.LiveLine;
import dlt.core.result.Histograms;
import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
import dlt.core.result.Window;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.HdrHistogram.Histogram;

/**
 * A test in progress: its loops, and the reporter thread that turns their per-second buckets into
 * live lines, progress and, at the end, the worker result. {@link #stop()} ends it early (Ctrl-C,
 * SIGTERM, a cancel) and the result still holds everything measured, marked incomplete.
 */
public final class RunningTest implements TestInProgress {
    private static final long REPORT_INTERVAL_MILLIS = 200;

    private final CompiledPlan plan;
    private final LoadClock clock;
    private final EventLoop[] loops;
    private final SecondAggregator aggregator;
    private final RunListener listener;
    private final CompletableFuture<WorkerResult> result = new CompletableFuture<>();
    private final TimelineBuilder timeline = new TimelineBuilder();
    private final Histogram overall = Histograms.newCoarse();
    private volatile boolean stopped;
    private volatile long stoppedAtNanos = Long.MAX_VALUE;
    private long requests;
    private long failures;
    private int maxUsers;
    private double lastSecondRate;

    private RunningTest(CompiledPlan plan, LoadClock clock, EventLoop[] loops, SecondAggregator aggregator, RunListener listener) {
        this.plan = plan;
        this.clock = clock;
        this.loops = loops;
        this.aggregator = aggregator;
        this.listener = listener;
    }

    static RunningTest start(CompiledPlan plan, LoadClock clock, int loopCount, RunListener listener) throws IOException {
        SecondAggregator aggregator = new SecondAggregator(loopCount, clock.epochSecond(clock.measureStartNanos()));
        EventLoop[] loops = new EventLoop[loopCount];
        for (int i = 0; i < loopCount; i++) loops[i] = new EventLoop(i, loopCount, plan, clock, aggregator);
        RunningTest run = new RunningTest(plan, clock, loops, aggregator, listener);
        for (int i = 0; i < loopCount; i++) {
            Thread t = new Thread(loops[i], "dlt-loop-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread reporter = new Thread(run::report, "dlt-reporter");
        reporter.setDaemon(true);
        reporter.start();
        return run;
    }

    /** Ends the test now: no new requests; those in flight get a short grace, then the result is built. */
    @Override
    public void stop() {
        if (stopped) return;
        stoppedAtNanos = System.nanoTime();
        stopped = true;
        for (EventLoop loop : loops) loop.requestStop();
    }

    @Override
    public WorkerResult awaitResult() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the load engine failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    private void report() {
        try {
            while (true) {
                boolean done = aggregator.allDone();
                for (SecondAggregator.Second s : aggregator.poll()) publish(s);
                listener.onProgress(progress());
                if (done) break;
                Thread.sleep(REPORT_INTERVAL_MILLIS);
            }
            Throwable failure = aggregator.failure();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(buildResult());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            // never leave awaitResult() waiting: whatever broke the reporter ends the run with it
            for (EventLoop loop : loops) loop.requestStop();
            result.completeExceptionally(e);
        }
    }

    private void publish(SecondAggregator.Second s) {
        requests += s.ok() + s.fail();
        failures += s.fail();
        maxUsers = Math.max(maxUsers, s.users());
        lastSecondRate = s.ok() + s.fail();
        overall.add(s.responseTime());
        timeline.add(s);
        LoadPlan.RunIdentity id = plan.source().identity();
        listener.onSecond(new LiveLine(id.testId(), id.testRunId(), id.region(), id.taskId(), s.second(), s.users(),
                s.ok(), s.fail(), s.bytes(), s.responseTime()));
    }

    private RunListener.Progress progress() {
        long now = System.nanoTime();
        long elapsed = Math.max(0, now - clock.startNanos());
        long total = clock.endNanos() - clock.startNanos();
        boolean warming = now < clock.measureStartNanos();
        double p95 = overall.getTotalCount() == 0 ? 0 : overall.getValueAtPercentile(95) / 1000.0;
        return new RunListener.Progress(Math.min(elapsed, total), total, warming, requests, failures, lastSecondRate, p95,
                aggregator.currentUsers());
    }

    private WorkerResult buildResult() {
        Map<String, LabelResult> labels = new LinkedHashMap<>();
        LabelResult total = LabelResult.empty();
        LabelResult warmUp = LabelResult.empty();
        long late = 0, dropped = 0;
        for (int l = 0; l < plan.labels().size(); l++) {
            LabelResult label = LabelResult.empty();
            for (EventLoop loop : loops) label = label.plus(loop.measured[l].toResult());
            labels.put(plan.labels().get(l), label);
            total = total.plus(label);
        }
        for (EventLoop loop : loops) {
            warmUp = warmUp.plus(loop.warmUp.toResult());
            late += loop.lateIterations;
            dropped += loop.droppedIterations;
        }
        long endNanos = Math.min(clock.endNanos(), Math.max(stoppedAtNanos, clock.measureStartNanos()));
        Window measured = new Window(clock.epochMillis(clock.measureStartNanos()), clock.epochMillis(endNanos));
        boolean hadWarmUp = plan.warmUpNanos() > 0;
        Window warmUpWindow = hadWarmUp ? new Window(clock.startEpochMillis(), clock.epochMillis(clock.measureStartNanos())) : null;
        int users = plan.model() instanceof LoadModel.Closed c ? c.users() : maxUsers;
        LoadPlan.RunIdentity id = plan.source().identity();
        return new WorkerResult(WorkerResult.CURRENT_VERSION, id.testId(), id.testRunId(), id.region(), id.taskId(),
                measured, warmUpWindow, hadWarmUp ? warmUp : null, !stopped || stoppedAtNanos >= clock.endNanos(),
                late, dropped, users, total, labels, timeline.build());
    }
}
