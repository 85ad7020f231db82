package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One running (or finished) execution of a {@link StateMachine}. */
public final class Execution {
    private final String name;
    private final String id;
    private final Instant startTime;
    private final Scope root = new Scope();
    private final History history;
    private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();

    private Execution(String name, String id, Instant startTime, ExecutionOptions options) {
        this.name = name;
        this.id = id;
        this.startTime = startTime;
        this.history = new History(options.clock(), options.maxHistoryEvents(), () -> root.cancel(new Termination(
                ExecutionStatus.FAILED, StateFailure.RUNTIME, "The execution reached the maximum number of history events ("
                + options.maxHistoryEvents() + ").")));
    }

    static Execution start(StateMachine machine, StateGraph graph, Integer timeoutSeconds, String name, JsonNode input,
                           TaskRegistry tasks, ExecutionOptions options) {
        Instant startTime = options.clock().instant();
        String id = "arn:aws:states:local:000000000000:execution:" + machine.name() + ":" + name;
        Execution execution = new Execution(name, id, startTime, options);
        ObjectNode executionContext = JsonValues.NODES.objectNode();
        executionContext.put("Id", id);
        executionContext.set("Input", input.deepCopy());
        executionContext.put("Name", name);
        executionContext.put("RoleArn", "arn:aws:iam::000000000000:role/local");
        executionContext.put("StartTime", JsonValues.timestamp(startTime));
        ObjectNode machineContext = JsonValues.NODES.objectNode();
        machineContext.put("Id", machine.arn());
        machineContext.put("Name", machine.name());
        Interpreter interpreter = new Interpreter(executionContext, machineContext, tasks, options.clock(),
                options.waitScale(), execution.history);
        JsonNode firstInput = input.deepCopy();
        Runnable run = () -> execution.run(interpreter, graph, firstInput);
        if (timeoutSeconds != null) {
            CompletableFuture.delayedExecutor(timeoutSeconds, TimeUnit.SECONDS).execute(() -> execution.root.cancel(
                    new Termination(ExecutionStatus.TIMED_OUT, StateFailure.TIMEOUT,
                            "The execution timed out after " + timeoutSeconds + " seconds")));
        }
        execution.history.record("ExecutionStarted", null, JsonValues.size(input), -1);
        if (options.executor() == null) {
            Thread.ofVirtual().name("asl-execution-" + name).start(run);
        } else {
            options.executor().execute(run);
        }
        return execution;
    }

    private void run(Interpreter interpreter, StateGraph graph, JsonNode input) {
        ExecutionStatus status;
        JsonNode output = null;
        String error = null;
        String cause = null;
        try {
            output = interpreter.run(graph, input, root);
            root.check();
            status = ExecutionStatus.SUCCEEDED;
        } catch (StateFailure failure) {
            status = ExecutionStatus.FAILED;
            error = failure.error();
            cause = failure.errorCause();
        } catch (Cancelled cancelled) {
            status = cancelled.termination().status();
            error = cancelled.termination().error();
            cause = cancelled.termination().cause();
        } catch (RuntimeException | Error e) {
            status = ExecutionStatus.FAILED;
            error = StateFailure.RUNTIME;
            cause = "the interpreter failed: " + e;
            output = null;
        }
        switch (status) {
            case SUCCEEDED -> history.record("ExecutionSucceeded", null, -1, JsonValues.size(output));
            case ABORTED -> history.record("ExecutionAborted", null, -1, -1, error, cause, null, -1);
            case TIMED_OUT -> history.record("ExecutionTimedOut", null, -1, -1, error, cause, null, -1);
            default -> history.record("ExecutionFailed", null, -1, -1, error, cause, null, -1);
        }
        result.complete(new ExecutionResult(status, output, error, cause, history.events(), history.count()));
    }

    public String name() {
        return name;
    }

    /** The execution ARN, as {@code $$.Execution.Id} shows it. */
    public String id() {
        return id;
    }

    public Instant startTime() {
        return startTime;
    }

    public ExecutionStatus status() {
        return result.isDone() ? result.join().status() : ExecutionStatus.RUNNING;
    }

    /** The history so far (at most the configured number of events). */
    public List<HistoryEvent> history() {
        return history.events();
    }

    /** How many history events the execution has recorded so far, kept or not. */
    public long historyEventCount() {
        return history.count();
    }

    public Optional<ExecutionResult> result() {
        return result.isDone() ? Optional.of(result.join()) : Optional.empty();
    }

    /**
     * Waits for the execution to end.
     *
     * @throws TimeoutException when it is still running after {@code timeout}
     */
    public ExecutionResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an execution's result never fails", e);
        }
    }

    /**
     * Stops the execution as {@code StopExecution} does: a wait or a task in progress ends at once (a
     * handler already running is abandoned, not interrupted) and the execution ends {@code ABORTED}.
     * Does nothing when it has already ended.
     */
    public void stop(String error, String cause) {
        root.cancel(new Termination(ExecutionStatus.ABORTED, error, cause));
    }

    public void stop(String cause) {
        stop(null, cause);
    }

    @Override
    public String toString() {
        return "Execution[" + id + ", " + status() + "]";
    }

    static String validName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 80 || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("execution name must be 1 to 80 characters of A-Z a-z 0-9 _ -, was '"
                    + name + "'");
        }
        return name;
    }
}
