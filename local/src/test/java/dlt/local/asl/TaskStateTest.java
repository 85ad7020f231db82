package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static dlt.local.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskStateTest {
    /** A domain error as a task handler would throw it. */
    static final class CapacityException extends RuntimeException {
        CapacityException(String message) {
            super(message);
        }
    }

    /** Fails {@code failures} times with {@code error}, then answers {"attempt": n}. */
    private static TaskRegistry flaky(int failures, RuntimeException error, AtomicInteger calls) {
        return TaskRegistry.builder().register("arn:flaky", input -> {
            int call = calls.incrementAndGet();
            if (call <= failures) {
                throw error;
            }
            return json("{'attempt':" + call + "}");
        }).build();
    }

    private static List<HistoryEvent> failures(ExecutionResult result) {
        return result.history().stream().filter(e -> e.type().equals("LambdaFunctionFailed")).toList();
    }

    @Test
    void task_handlerResult_isStateResult() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder()
                .register("arn:double", input -> json("{'v':" + input.get("v").intValue() * 2 + "}")).build();

        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:double','End':true}"), json("{'v':21}"), tasks);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{'v':42}"));
    }

    @Test
    void task_handlerReturnsNull_resultIsJsonNull() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder().register("arn:void", input -> null).build();

        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:void','ResultPath':'$.r','End':true}"),
                json("{}"), tasks);

        assertThat(result.output()).isEqualTo(json("{'r':null}"));
    }

    @Test
    void task_handlerMutatesItsInput_stateDataIsUnaffected() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder().register("arn:mutate", input -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) input).put("a", "changed");
            return json("1");
        }).build();

        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:mutate','ResultPath':'$.r','End':true}"),
                json("{'a':'original'}"), tasks);

        assertThat(result.output()).isEqualTo(json("{'a':'original','r':1}"));
    }

    @Test
    void handlerException_fullyQualifiedClassName_isTheErrorName() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder()
                .register("arn:bad", input -> {
                    throw new IllegalStateException("no such test");
                }).build();

        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:bad','End':true}"), json("{}"), tasks);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
        JsonNode cause = Asl.MAPPER.readTree(result.cause());
        assertThat(cause.get("errorMessage").textValue()).isEqualTo("no such test");
        assertThat(cause.get("errorType").textValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(cause.get("stackTrace").isArray()).isTrue();
    }

    @Test
    void catch_handlerExceptionFqcn_matchedByErrorEquals() throws Exception {
        TaskRegistry tasks = flaky(1, new CapacityException("no capacity"), new AtomicInteger());
        String definition = """
                {'StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:flaky','Next':'Done','Catch':[
                    {'ErrorEquals':['java.lang.IllegalStateException'],'Next':'Wrong'},
                    {'ErrorEquals':['dlt.local.asl.TaskStateTest$CapacityException'],'ResultPath':'$.error','Next':'Handled'}]},
                  'Done':{'Type':'Succeed'},
                  'Wrong':{'Type':'Fail','Error':'Wrong'},
                  'Handled':{'Type':'Pass','End':true}}}""";

        ExecutionResult result = run(definition, json("{'testId':'t1'}"), tasks);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("testId").textValue()).isEqualTo("t1");
        assertThat(result.output().at("/error/Error").textValue())
                .isEqualTo("dlt.local.asl.TaskStateTest$CapacityException");
        assertThat(result.output().at("/error/Cause").textValue()).contains("no capacity");
    }

    @Test
    void catch_withoutResultPath_errorObjectReplacesInput() throws Exception {
        TaskRegistry tasks = flaky(1, new IllegalArgumentException("bad"), new AtomicInteger());
        String definition = """
                {'StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:flaky','End':true,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'}]},
                  'H':{'Type':'Pass','End':true}}}""";

        ExecutionResult result = run(definition, json("{'x':1}"), tasks);

        assertThat(result.output().fieldNames()).toIterable().containsExactly("Error", "Cause");
        assertThat(result.output().get("Error").textValue()).isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void catch_statesTaskFailed_matchesAnyHandlerError() throws Exception {
        TaskRegistry tasks = flaky(1, new UnsupportedOperationException("x"), new AtomicInteger());
        String definition = """
                {'StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:flaky','End':true,
                       'Catch':[{'ErrorEquals':['States.TaskFailed'],'ResultPath':null,'Next':'H'}]},
                  'H':{'Type':'Pass','Result':'caught','End':true}}}""";

        assertThat(run(definition, json("{}"), tasks).output().textValue()).isEqualTo("caught");
    }

    @Test
    void retry_backoff_delaysGrowByRateUpToMaxDelay() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskRegistry tasks = flaky(4, new CapacityException("busy"), calls);
        String definition = single("""
                {'Type':'Task','Resource':'arn:flaky','End':true,'Retry':[
                  {'ErrorEquals':['dlt.local.asl.TaskStateTest$CapacityException'],
                   'IntervalSeconds':2,'BackoffRate':3,'MaxAttempts':5,'MaxDelaySeconds':30}]}""");

        ExecutionResult result = run(definition, json("{}"), tasks);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{'attempt':5}"));
        assertThat(failures(result)).extracting(HistoryEvent::retryDelay).containsExactly(
                Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(18), Duration.ofSeconds(30));
    }

    @Test
    void retry_defaults_threeAttemptsOneSecondDoubling() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskRegistry tasks = flaky(10, new IllegalStateException("down"), calls);

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:flaky','End':true,'Retry':[{'ErrorEquals':['States.ALL']}]}"""),
                json("{}"), tasks);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(calls.get()).isEqualTo(4);
        assertThat(failures(result)).extracting(HistoryEvent::retryDelay).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), null);
    }

    @Test
    void retry_fullJitter_delaysStayWithinBackoff() throws Exception {
        TaskRegistry tasks = flaky(3, new IllegalStateException("down"), new AtomicInteger());

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:flaky','End':true,'Retry':[{'ErrorEquals':['States.ALL'],
                 'IntervalSeconds':10,'MaxAttempts':3,'JitterStrategy':'FULL'}]}"""), json("{}"), tasks);

        List<Duration> delays = failures(result).stream().map(HistoryEvent::retryDelay).toList();
        assertThat(delays).hasSize(3);
        assertThat(delays.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
        assertThat(delays.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(20));
        assertThat(delays.get(2)).isBetween(Duration.ZERO, Duration.ofSeconds(40));
    }

    @Test
    void retry_firstMatchingRetrierOnly_andMaxAttemptsZeroNeverRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskRegistry tasks = flaky(10, new IllegalStateException("down"), calls);

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:flaky','End':true,'Retry':[
                  {'ErrorEquals':['java.lang.IllegalStateException'],'MaxAttempts':0},
                  {'ErrorEquals':['States.ALL'],'MaxAttempts':5}]}"""), json("{}"), tasks);

        assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void retry_retryCount_visibleInContextObject() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskRegistry tasks = TaskRegistry.builder().register("arn:count", input -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("again");
            }
            return input;
        }).build();

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:count','End':true,'Parameters':{'retry.$':'$$.State.RetryCount'},
                 'Retry':[{'ErrorEquals':['States.ALL'],'MaxAttempts':3}]}"""), json("{}"), tasks);

        assertThat(result.output()).isEqualTo(json("{'retry':2}"));
    }

    @Test
    void retry_waitScale_realWaitIsScaled() throws Exception {
        TaskRegistry tasks = flaky(1, new IllegalStateException("down"), new AtomicInteger());
        long start = System.nanoTime();

        ExecutionResult result = run(single("""
                {'Type':'Task','Resource':'arn:flaky','End':true,'Retry':[{'ErrorEquals':['States.ALL'],'IntervalSeconds':20}]}"""),
                json("{}"), tasks, ExecutionOptions.defaults().withWaitScale(0.01));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(elapsedMillis).isBetween(200L, 5_000L);
    }

    @Test
    void timeoutSeconds_slowHandler_failsWithStatesTimeout_notCaughtByTaskFailed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TaskRegistry tasks = TaskRegistry.builder().register("arn:slow", input -> {
            release.await(30, TimeUnit.SECONDS);
            return input;
        }).build();
        String definition = """
                {'StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:slow','TimeoutSeconds':1,'End':true,'Catch':[
                    {'ErrorEquals':['States.TaskFailed'],'Next':'Wrong'},
                    {'ErrorEquals':['States.Timeout'],'ResultPath':'$.error','Next':'TimedOut'}]},
                  'Wrong':{'Type':'Fail'},
                  'TimedOut':{'Type':'Pass','End':true}}}""";
        try {
            ExecutionResult result = run(definition, json("{}"), tasks);

            assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(result.output().at("/error/Error").textValue()).isEqualTo("States.Timeout");
            assertThat(result.history()).extracting(HistoryEvent::type).contains("LambdaFunctionTimedOut");
        } finally {
            release.countDown();
        }
    }

    @Test
    void start_resourceWithoutHandler_isRefusedNamingIt() {
        StateMachine machine = StateMachine.parse(Asl.definition(single(
                "{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:1:function:missing','End':true}")), Map.of());

        assertThatThrownBy(() -> machine.start("x", json("{}"), TaskRegistry.builder().build(), Asl.INSTANT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arn:aws:lambda:us-east-1:1:function:missing");
    }

    @Test
    void history_taskState_recordsLambdaEventsWithSizes() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder().register("arn:echo", input -> input).build();

        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:echo','End':true}"), json("{'a':1}"), tasks);

        assertThat(result.history()).extracting(HistoryEvent::type).containsExactly("ExecutionStarted",
                "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
                "TaskStateExited", "ExecutionSucceeded");
        assertThat(result.historyEventCount()).isEqualTo(7);
        assertThat(result.history().get(1).inputBytes()).isEqualTo(7);
        assertThat(result.history().get(5).outputBytes()).isEqualTo(7);
        assertThat(result.history().get(1).stateName()).isEqualTo("S");
    }
}
