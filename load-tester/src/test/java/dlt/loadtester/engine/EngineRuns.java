package dlt.loadtester.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.result.TimelinePoint;
import dlt.core.result.WorkerResult;
import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds small plans and runs them on the real engine, waiting for the result with a deadline. */
final class EngineRuns {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    private static final long GRACE_NANOS = 5 * SECOND;

    private EngineRuns() {
    }

    static Step get(String label, URI uri) {
        return step(label, "GET", uri, Map.of(), null, new int[0], null, List.of());
    }

    static Step step(String label, String method, URI uri, Map<String, String> headers, String body, int[] statuses,
                     String bodyContains, List<Step.Extraction> extractions) {
        return new Step(label, method, uri, Endpoint.of(uri), headers, body, statuses, bodyContains, extractions);
    }

    static LoadPlan closed(int users, long durationNanos, Step... steps) {
        return plan(new LoadModel.Closed(users, 0, durationNanos, 0), 0, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false, steps);
    }

    static LoadPlan plan(LoadModel model, long warmUpNanos, long responseTimeoutNanos, boolean trustAll, Step... steps) {
        return new LoadPlan(LoadPlan.RunIdentity.standalone(), List.of(steps), model, warmUpNanos,
                2 * SECOND, responseTimeoutNanos, trustAll);
    }

    static RunningTest start(LoadPlan plan) throws IOException {
        return start(plan, RunListener.NONE);
    }

    static RunningTest start(LoadPlan plan, RunListener listener) throws IOException {
        return new LoadEngine(Clock.systemUTC(), 2).start(plan, listener);
    }

    /** Runs the plan to its end; fails (and stops the engine) when it is not done well after its planned length. */
    static WorkerResult run(LoadPlan plan) throws IOException, InterruptedException {
        RunningTest test = start(plan);
        return awaitResult(test, Duration.ofNanos(plan.totalNanos() + Math.min(plan.responseTimeoutNanos(), 3 * SECOND) + GRACE_NANOS));
    }

    static WorkerResult awaitResult(RunningTest test, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!test.isDone()) {
            if (System.nanoTime() > deadline) {
                test.stop();
                throw new AssertionError("the run did not end within " + within);
            }
            Thread.sleep(10);
        }
        return test.awaitResult();
    }

    static long timelineRequests(WorkerResult result) {
        return result.timeline().stream().mapToLong(TimelinePoint::requests).sum();
    }

    static void assertAllFailedWith(WorkerResult result, String errorKind) {
        assertThat(result.total().requests()).isPositive();
        assertThat(result.total().successes()).isZero();
        assertThat(result.total().errors()).containsExactly(Map.entry(errorKind, result.total().requests()));
    }
}
