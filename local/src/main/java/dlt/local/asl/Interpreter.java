package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the states of one execution. */
final class Interpreter {
    static final int PAYLOAD_LIMIT_BYTES = 256 * 1024;
    private static final int CAUSE_LIMIT = 32_768;

    private final ObjectNode executionContext;
    private final ObjectNode stateMachineContext;
    private final TaskRegistry tasks;
    private final Clock clock;
    private final double waitScale;
    private final History history;

    private record Step(JsonNode output, String next) {
    }

    @FunctionalInterface
    private interface Attempt {
        JsonNode run(int retryCount) throws StateFailure, Cancelled;
    }

    @FunctionalInterface
    private interface Job {
        JsonNode run(Scope scope) throws StateFailure, Cancelled;
    }

    Interpreter(ObjectNode executionContext, ObjectNode stateMachineContext, TaskRegistry tasks, Clock clock,
                double waitScale, History history) {
        this.executionContext = executionContext;
        this.stateMachineContext = stateMachineContext;
        this.tasks = tasks;
        this.clock = clock;
        this.waitScale = waitScale;
        this.history = history;
    }

    JsonNode run(StateGraph graph, JsonNode input, Scope scope) throws StateFailure, Cancelled {
        String name = graph.startAt();
        JsonNode data = input;
        while (true) {
            scope.check();
            State state = graph.states().get(name);
            Instant entered = clock.instant();
            long inputBytes = JsonValues.size(data);
            history.record(state.type() + "StateEntered", name, inputBytes, -1);
            Step step = execute(state, data, entered, scope);
            long outputBytes = JsonValues.size(step.output());
            if (outputBytes > PAYLOAD_LIMIT_BYTES) {
                throw new StateFailure(StateFailure.DATA_LIMIT_EXCEEDED, "The state/task '" + name
                        + "' returned a result with a size exceeding the maximum number of bytes service limit ("
                        + outputBytes + " > " + PAYLOAD_LIMIT_BYTES + ")");
            }
            history.record(state.type() + "StateExited", name, -1, outputBytes);
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            data = step.output();
        }
    }

    private Step execute(State state, JsonNode input, Instant entered, Scope scope) throws StateFailure, Cancelled {
        return switch (state) {
            case State.Task task -> withRetryAndCatch(task, task.results(), input, scope,
                    retryCount -> task(task, input, context(task, entered, retryCount), scope));
            case State.Map map -> withRetryAndCatch(map, map.results(), input, scope,
                    retryCount -> map(map, input, context(map, entered, retryCount), scope));
            case State.Parallel parallel -> withRetryAndCatch(parallel, parallel.results(), input, scope,
                    retryCount -> parallel(parallel, input, context(parallel, entered, retryCount), scope));
            case State.Pass pass -> pass(pass, input, context(pass, entered, 0));
            case State.Wait wait -> waitState(wait, input, context(wait, entered, 0), scope);
            case State.Choice choice -> choice(choice, input, context(choice, entered, 0));
            case State.Succeed succeed -> {
                ObjectNode context = context(succeed, entered, 0);
                JsonNode effective = select(succeed.flow().inputPath(), input, context, "InputPath");
                yield new Step(select(succeed.flow().outputPath(), effective, context, "OutputPath"), null);
            }
            case State.Fail fail -> throw failState(fail, input, context(fail, entered, 0));
        };
    }

    private ObjectNode context(State state, Instant entered, int retryCount) {
        ObjectNode context = JsonValues.NODES.objectNode();
        context.set("Execution", executionContext);
        context.set("StateMachine", stateMachineContext);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("EnteredTime", JsonValues.timestamp(entered));
        stateNode.put("Name", state.name());
        stateNode.put("RetryCount", retryCount);
        return context;
    }

    private static JsonNode select(JsonPaths.Path path, JsonNode input, JsonNode context, String field)
            throws StateFailure {
        return path == null ? JsonValues.NODES.objectNode() : path.require(input, context, field);
    }

    private static JsonNode place(List<JsonPaths.Segment> resultPath, String text, JsonNode input, JsonNode result)
            throws StateFailure {
        return resultPath == null ? input : JsonPaths.put(input, resultPath, result, text);
    }

    private static JsonNode finish(State.Flow flow, State.Results results, JsonNode rawInput, JsonNode result,
                                   JsonNode context) throws StateFailure {
        JsonNode selected = results.resultSelector() == null ? result
                : results.resultSelector().evaluate(result, context);
        JsonNode placed = place(results.resultPath(), results.resultPathText(), rawInput, selected);
        return select(flow.outputPath(), placed, context, "OutputPath");
    }

    private static String next(State state) {
        return switch (state) {
            case State.Task task -> task.flow().next();
            case State.Map map -> map.flow().next();
            case State.Parallel parallel -> parallel.flow().next();
            default -> throw new IllegalStateException(state.type() + " has no retriers");
        };
    }

    private static String failureEvent(State state, StateFailure failure) {
        return switch (state) {
            case State.Task task -> StateFailure.TIMEOUT.equals(failure.error())
                    ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed";
            default -> state.type() + "StateFailed";
        };
    }

    private Step withRetryAndCatch(State state, State.Results results, JsonNode input, Scope scope, Attempt attempt)
            throws StateFailure, Cancelled {
        int[] retries = new int[results.retry().size()];
        int retryCount = 0;
        while (true) {
            try {
                return new Step(attempt.run(retryCount), next(state));
            } catch (StateFailure failure) {
                Duration delay = null;
                for (int i = 0; i < retries.length; i++) {
                    Retrier retrier = results.retry().get(i);
                    if (retrier.errors().matches(failure.error())) {
                        if (retries[i] < retrier.maxAttempts()) {
                            delay = retrier.delay(retries[i]);
                            retries[i]++;
                        }
                        break;
                    }
                }
                history.record(failureEvent(state, failure), state.name(), -1, -1, failure.error(),
                        failure.errorCause(), delay, -1);
                if (delay != null) {
                    scope.sleep(scaled(delay));
                    retryCount++;
                    continue;
                }
                for (Catcher catcher : results.catchers()) {
                    if (catcher.errors().matches(failure.error())) {
                        ObjectNode errorOutput = JsonValues.NODES.objectNode();
                        errorOutput.put("Error", failure.error());
                        errorOutput.put("Cause", failure.errorCause());
                        return new Step(place(catcher.resultPath(), catcher.resultPathText(), input, errorOutput),
                                catcher.next());
                    }
                }
                throw failure;
            }
        }
    }

    private Duration scaled(Duration duration) {
        return Duration.ofNanos((long) (duration.toNanos() * waitScale));
    }

    private JsonNode task(State.Task task, JsonNode input, ObjectNode context, Scope scope)
            throws StateFailure, Cancelled {
        JsonNode effective = select(task.flow().inputPath(), input, context, "InputPath");
        if (task.parameters() != null) {
            effective = task.parameters().evaluate(effective, context);
        }
        Duration timeout = null;
        if (task.timeoutSeconds() != null) {
            timeout = Duration.ofSeconds(task.timeoutSeconds());
        } else if (task.timeoutSecondsPath() != null) {
            JsonNode seconds = task.timeoutSecondsPath().require(input, context, "TimeoutSecondsPath");
            if (!seconds.isIntegralNumber() || seconds.longValue() < 1) {
                throw StateFailure.runtime("TimeoutSecondsPath '" + task.timeoutSecondsPath().text()
                        + "' must point to a positive integer, found " + JsonValues.text(seconds));
            }
            timeout = Duration.ofSeconds(seconds.longValue());
        }
        long inputBytes = JsonValues.size(effective);
        if (inputBytes > PAYLOAD_LIMIT_BYTES) {
            throw new StateFailure(StateFailure.DATA_LIMIT_EXCEEDED, "the input of task '" + task.name() + "' is "
                    + inputBytes + " bytes, more than " + PAYLOAD_LIMIT_BYTES);
        }
        history.record("LambdaFunctionScheduled", task.name(), inputBytes, -1);
        history.record("LambdaFunctionStarted", task.name(), -1, -1);
        JsonNode result = invoke(task, effective, timeout, scope);
        history.record("LambdaFunctionSucceeded", task.name(), -1, JsonValues.size(result));
        return finish(task.flow(), task.results(), input, result, context);
    }

    private JsonNode invoke(State.Task task, JsonNode payload, Duration timeout, Scope scope)
            throws StateFailure, Cancelled {
        TaskHandler handler = tasks.handler(task.resource()).orElseThrow(() -> new StateFailure(
                "Lambda.ResourceNotFoundException", "no handler is registered for " + task.resource()));
        JsonNode request = payload.deepCopy();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        Thread.ofVirtual().name("asl-task-" + task.name()).start(() -> {
            try {
                response.complete(handler.handle(request));
            } catch (Throwable t) {
                response.completeExceptionally(t);
            }
        });
        try {
            JsonNode result = scope.await(response, timeout);
            return result == null ? JsonValues.NODES.nullNode() : JsonValues.normalize(result);
        } catch (TimeoutException e) {
            throw new StateFailure(StateFailure.TIMEOUT, "Task '" + task.name() + "' timed out after "
                    + timeout.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause();
            return lambdaError(thrown);
        }
    }

    /** Fails as Step Functions reports a Java Lambda function's exception: FQCN as the name, the error document as the cause. */
    private static JsonNode lambdaError(Throwable thrown) throws StateFailure {
        String cause = JsonValues.text(errorDocument(thrown, 0));
        if (cause.length() > CAUSE_LIMIT) {
            cause = cause.substring(0, CAUSE_LIMIT);
        }
        throw new StateFailure(thrown.getClass().getName(), cause);
    }

    static ObjectNode errorDocument(Throwable thrown, int depth) {
        ObjectNode document = JsonValues.NODES.objectNode();
        if (thrown.getMessage() != null) {
            document.put("errorMessage", thrown.getMessage());
        }
        document.put("errorType", thrown.getClass().getName());
        ArrayNode stackTrace = document.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            stackTrace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        if (thrown.getCause() != null && thrown.getCause() != thrown && depth < 8) {
            document.set("cause", errorDocument(thrown.getCause(), depth + 1));
        }
        return document;
    }

    private Step pass(State.Pass pass, JsonNode input, ObjectNode context) throws StateFailure {
        JsonNode effective = select(pass.flow().inputPath(), input, context, "InputPath");
        if (pass.parameters() != null) {
            effective = pass.parameters().evaluate(effective, context);
        }
        JsonNode result = pass.result() != null ? pass.result().deepCopy() : effective;
        JsonNode placed = place(pass.resultPath(), pass.resultPathText(), input, result);
        return new Step(select(pass.flow().outputPath(), placed, context, "OutputPath"), pass.flow().next());
    }

    private Step waitState(State.Wait wait, JsonNode input, ObjectNode context, Scope scope)
            throws StateFailure, Cancelled {
        JsonNode effective = select(wait.flow().inputPath(), input, context, "InputPath");
        Duration duration;
        if (wait.seconds() != null) {
            duration = Duration.ofSeconds(wait.seconds());
        } else if (wait.secondsPath() != null) {
            JsonNode seconds = wait.secondsPath().require(effective, context, "SecondsPath");
            if (!seconds.isIntegralNumber() || seconds.longValue() < 0) {
                throw StateFailure.runtime("SecondsPath '" + wait.secondsPath().text()
                        + "' must point to a non-negative integer, found " + JsonValues.text(seconds));
            }
            duration = Duration.ofSeconds(seconds.longValue());
        } else {
            Instant until = wait.timestamp();
            if (until == null) {
                JsonNode value = wait.timestampPath().require(effective, context, "TimestampPath");
                until = JsonValues.timestampOf(value).orElseThrow(() -> StateFailure.runtime("TimestampPath '"
                        + wait.timestampPath().text() + "' must point to an RFC 3339 timestamp, found "
                        + JsonValues.text(value)));
            }
            duration = Duration.between(clock.instant(), until);
        }
        scope.sleep(scaled(duration));
        return new Step(select(wait.flow().outputPath(), effective, context, "OutputPath"), wait.flow().next());
    }

    private static Step choice(State.Choice choice, JsonNode input, ObjectNode context) throws StateFailure {
        JsonNode effective = select(choice.flow().inputPath(), input, context, "InputPath");
        String next = choice.defaultNext();
        boolean matched = false;
        for (int i = 0; i < choice.rules().size() && !matched; i++) {
            if (choice.rules().get(i).matches(effective, context)) {
                next = choice.nexts().get(i);
                matched = true;
            }
        }
        if (next == null) {
            throw new StateFailure(StateFailure.NO_CHOICE_MATCHED, "No Choice rule of state '" + choice.name()
                    + "' matched and it has no Default");
        }
        return new Step(select(choice.flow().outputPath(), effective, context, "OutputPath"), next);
    }

    private static StateFailure failState(State.Fail fail, JsonNode input, ObjectNode context) throws StateFailure {
        String error = fail.error();
        String cause = fail.cause();
        if (fail.errorPath() != null) {
            error = stringValue(fail.errorPath().evaluate(input, context), "ErrorPath");
        }
        if (fail.causePath() != null) {
            cause = stringValue(fail.causePath().evaluate(input, context), "CausePath");
        }
        return new StateFailure(error, cause);
    }

    private static String stringValue(JsonNode value, String field) throws StateFailure {
        if (!value.isTextual()) {
            throw StateFailure.runtime(field + " must resolve to a string, found " + JsonValues.text(value));
        }
        return value.textValue();
    }

    private JsonNode map(State.Map map, JsonNode input, ObjectNode context, Scope scope)
            throws StateFailure, Cancelled {
        JsonNode effective = select(map.flow().inputPath(), input, context, "InputPath");
        JsonNode items = map.itemsPath() == null ? JsonValues.NODES.nullNode()
                : map.itemsPath().require(effective, context, "ItemsPath");
        if (!items.isArray()) {
            throw StateFailure.runtime("ItemsPath of state '" + map.name() + "' must point to an array, found "
                    + items.getNodeType().name().toLowerCase());
        }
        history.record("MapStateStarted", map.name(), -1, -1);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            JsonNode item = items.get(i);
            jobs.add(child -> {
                JsonNode itemInput = item;
                if (map.itemSelector() != null) {
                    ObjectNode itemContext = context.deepCopy();
                    ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
                    mapItem.put("Index", index);
                    mapItem.set("Value", item);
                    itemInput = map.itemSelector().evaluate(effective, itemContext);
                }
                history.record("MapIterationStarted", map.name(), -1, -1, null, null, null, index);
                try {
                    JsonNode output = run(map.processor(), itemInput, child);
                    history.record("MapIterationSucceeded", map.name(), -1, -1, null, null, null, index);
                    return output;
                } catch (StateFailure failure) {
                    history.record("MapIterationFailed", map.name(), -1, -1, failure.error(), failure.errorCause(),
                            null, index);
                    throw failure;
                } catch (Cancelled cancelled) {
                    history.record("MapIterationAborted", map.name(), -1, -1, null, null, null, index);
                    throw cancelled;
                }
            });
        }
        ArrayNode results = JsonValues.NODES.arrayNode().addAll(runConcurrently(jobs, map.maxConcurrency(), scope,
                "asl-map-" + map.name() + "-"));
        history.record("MapStateSucceeded", map.name(), -1, -1);
        return finish(map.flow(), map.results(), input, results, context);
    }

    private JsonNode parallel(State.Parallel parallel, JsonNode input, ObjectNode context, Scope scope)
            throws StateFailure, Cancelled {
        JsonNode effective = select(parallel.flow().inputPath(), input, context, "InputPath");
        if (parallel.parameters() != null) {
            effective = parallel.parameters().evaluate(effective, context);
        }
        JsonNode branchInput = effective;
        history.record("ParallelStateStarted", parallel.name(), -1, -1);
        List<Job> jobs = new ArrayList<>();
        for (StateGraph branch : parallel.branches()) {
            jobs.add(child -> run(branch, branchInput.deepCopy(), child));
        }
        ArrayNode results = JsonValues.NODES.arrayNode().addAll(runConcurrently(jobs, 0, scope,
                "asl-parallel-" + parallel.name() + "-"));
        history.record("ParallelStateSucceeded", parallel.name(), -1, -1);
        return finish(parallel.flow(), parallel.results(), input, results, context);
    }

    /**
     * Runs jobs on virtual threads, at most {@code maxConcurrency} at a time (0: no limit), and returns
     * their results in order. The first failure cancels the others and is rethrown once all have ended.
     */
    private static List<JsonNode> runConcurrently(List<Job> jobs, int maxConcurrency, Scope scope, String threadName)
            throws StateFailure, Cancelled {
        Scope child = scope.child();
        AtomicReference<StateFailure> firstFailure = new AtomicReference<>();
        JsonNode[] results = new JsonNode[jobs.size()];
        Semaphore permits = new Semaphore(maxConcurrency > 0 ? maxConcurrency : Integer.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        boolean interrupted = false;
        try {
            for (int i = 0; i < jobs.size() && !child.isCancelled(); i++) {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    interrupted = true;
                    child.cancel(new Termination(ExecutionStatus.ABORTED, "States.Aborted", "interrupted"));
                    break;
                }
                int index = i;
                threads.add(Thread.ofVirtual().name(threadName + i).start(() -> {
                    try {
                        results[index] = jobs.get(index).run(child);
                    } catch (StateFailure failure) {
                        if (firstFailure.compareAndSet(null, failure)) {
                            child.cancel(new Termination(ExecutionStatus.FAILED, failure.error(), failure.errorCause()));
                        }
                    } catch (Cancelled cancelled) {
                        // a sibling failed or the execution stopped: reported below
                    } catch (RuntimeException e) {
                        StateFailure failure = StateFailure.runtime("the interpreter failed: " + e);
                        if (firstFailure.compareAndSet(null, failure)) {
                            child.cancel(new Termination(ExecutionStatus.FAILED, failure.error(), failure.errorCause()));
                        }
                    } finally {
                        permits.release();
                    }
                }));
            }
        } finally {
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        scope.check();
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
        if (interrupted) {
            throw new Cancelled(new Termination(ExecutionStatus.ABORTED, "States.Aborted", "interrupted"));
        }
        return java.util.Arrays.asList(results);
    }
}
