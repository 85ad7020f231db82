package dlt.loadtester.script;

import dlt.core.result.WorkerResult;
import dlt.loadtester.engine.RunListener;
import dlt.loadtester.engine.SampleRecorder;
import dlt.loadtester.engine.TestInProgress;
import dlt.loadtester.plan.LoadPlan;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A script test in progress: its runner on a thread of its own, recording into one {@link SampleRecorder}. */
public final class ScriptTest implements TestInProgress {
    private final ScriptRunner runner;
    private final CompletableFuture<WorkerResult> result = new CompletableFuture<>();
    private volatile boolean stopped;

    private ScriptTest(ScriptRunner runner) {
        this.runner = runner;
    }

    public static ScriptTest start(ScriptRunner runner, LoadPlan.RunIdentity identity, RunListener listener, Clock clock) {
        ScriptTest test = new ScriptTest(runner);
        SampleRecorder recorder = SampleRecorder.start(identity, runner.plannedNanos(), listener, clock);
        Thread thread = new Thread(() -> test.run(recorder), "dlt-script");
        thread.setDaemon(true);
        thread.start();
        return test;
    }

    private void run(SampleRecorder recorder) {
        try {
            runner.run(recorder);
            result.complete(recorder.finish(!stopped));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            // a script that could not run has no results; the recorder is finished only to end its reporter
            try {
                recorder.finish(false);
            } catch (InterruptedException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            result.completeExceptionally(e);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        runner.stop();
    }

    @Override
    public WorkerResult awaitResult() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ScriptFailure failure) throw failure;
            throw new ScriptFailure(runner.describe() + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }
}
