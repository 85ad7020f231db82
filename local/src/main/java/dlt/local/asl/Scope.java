package dlt.local.asl;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cancellable part of an execution: the whole run, or the iterations of one Map or branches of
 * one Parallel. Cancelling a scope cancels its children; waits and task invocations in it end at once.
 */
final class Scope {
    private static final Termination INTERRUPTED =
            new Termination(ExecutionStatus.ABORTED, "States.Aborted", "the execution thread was interrupted");

    private final CompletableFuture<Termination> cancelled = new CompletableFuture<>();

    Scope child() {
        Scope child = new Scope();
        cancelled.thenAccept(child::cancel);
        return child;
    }

    void cancel(Termination termination) {
        cancelled.complete(termination);
    }

    boolean isCancelled() {
        return cancelled.isDone();
    }

    void check() throws Cancelled {
        if (cancelled.isDone()) {
            throw new Cancelled(cancelled.join());
        }
    }

    /** Sleeps for {@code duration} of real time unless the scope is cancelled first. */
    void sleep(Duration duration) throws Cancelled {
        check();
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            throw new Cancelled(cancelled.get(duration.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled(INTERRUPTED);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scope's cancellation never fails", e);
        }
    }

    /**
     * Waits for {@code future} (at most {@code timeout}, or without limit when null) unless the scope is
     * cancelled first.
     */
    <T> T await(CompletableFuture<T> future, Duration timeout)
            throws Cancelled, TimeoutException, ExecutionException {
        CompletableFuture<Object> either = CompletableFuture.anyOf(future, cancelled);
        try {
            if (timeout == null) {
                either.get();
            } else {
                either.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            // the future failed: reported below by future.get()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled(INTERRUPTED);
        }
        check();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled(INTERRUPTED);
        }
    }
}
