package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static dlt.local.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalStatesTest {
    @Test
    void fail_errorAndCause_endExecutionFailed() throws Exception {
        ExecutionResult result = run(single("{'Type':'Fail','Error':'dlt.NoCapacity','Cause':'no workers'}"), json("{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("dlt.NoCapacity");
        assertThat(result.cause()).isEqualTo("no workers");
        assertThat(result.output()).isNull();
        assertThat(result.history()).extracting(HistoryEvent::type)
                .containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
    }

    @Test
    void fail_errorPathAndCausePath_readFromInput() throws Exception {
        String definition = """
                {"StartAt":"S","States":{"S":{"Type":"Fail","ErrorPath":"$.error.Error",
                 "CausePath":"States.Format('run {} failed', $.runId)"}}}""";
        ExecutionResult result = StateMachine.parse(definition, Map.of()).start("f",
                json("{'runId':'r1','error':{'Error':'java.lang.IllegalStateException'}}"), TaskRegistry.builder().build(),
                Asl.INSTANT).await(Duration.ofSeconds(5));

        assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(result.cause()).isEqualTo("run r1 failed");
    }

    @Test
    void succeed_inputAndOutputPath_selectOutput() throws Exception {
        ExecutionResult result = run(single("{'Type':'Succeed','InputPath':'$.a','OutputPath':'$.b'}"),
                json("{'a':{'b':{'c':1}}}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{'c':1}"));
    }

    @Test
    void pass_chain_runsInOrder() throws Exception {
        ExecutionResult result = run("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Result':1,'ResultPath':'$.a','Next':'B'},
                  'B':{'Type':'Pass','Result':2,'ResultPath':'$.b','End':true}}}""", json("{}"));

        assertThat(result.output()).isEqualTo(json("{'a':1,'b':2}"));
    }

    @Test
    void executionTimeoutSeconds_longWait_endsTimedOut() throws Exception {
        ExecutionResult result = StateMachine.parse(Asl.definition("""
                {'TimeoutSeconds':1,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}"""), Map.of())
                .start("t", json("{}"), TaskRegistry.builder().build(), ExecutionOptions.defaults())
                .await(Duration.ofSeconds(10));

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.error()).isEqualTo("States.Timeout");
    }

    @Test
    void history_beyondLimit_failsExecutionAndStaysBounded() throws Exception {
        String loop = """
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Next':'B'},
                  'B':{'Type':'Pass','Next':'A'}}}""";

        ExecutionResult result = run(loop, json("{}"), TaskRegistry.builder().build(),
                Asl.INSTANT.withMaxHistoryEvents(100));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("history");
        assertThat(result.history()).hasSize(100);
        assertThat(result.historyEventCount()).isGreaterThan(100);
    }

    @Test
    void dataLimit_hugeStateOutput_failsWithDataLimitExceeded() throws Exception {
        TaskRegistry tasks = TaskRegistry.builder()
                .register("arn:big", input -> json("{'blob':'" + "x".repeat(300_000) + "'}")).build();

        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:big','End':true}"), json("{}"), tasks);

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    }
}
