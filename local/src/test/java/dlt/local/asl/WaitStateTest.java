package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static dlt.local.asl.Asl.run;
import static dlt.local.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class WaitStateTest {
    private static final ExecutionOptions HUNDREDFOLD = ExecutionOptions.defaults().withWaitScale(0.01);

    private static long millisToRun(String definition, String input, ExecutionOptions options) throws Exception {
        long start = System.nanoTime();
        ExecutionResult result = run(definition, json(input), TaskRegistry.builder().build(), options);
        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void seconds_scaledByWaitScale_waitsScaledTime() throws Exception {
        long millis = millisToRun(single("{'Type':'Wait','Seconds':60,'End':true}"), "{}", HUNDREDFOLD);

        assertThat(millis).isBetween(550L, 5_000L);
    }

    @Test
    void secondsPath_readsSecondsFromInput_andPassesInputThrough() throws Exception {
        String definition = single("{'Type':'Wait','SecondsPath':'$.delay','End':true}");

        long millis = millisToRun(definition, "{'delay':30}", HUNDREDFOLD);
        ExecutionResult result = run(definition, json("{'delay':30,'x':1}"));

        assertThat(millis).isBetween(250L, 5_000L);
        assertThat(result.output()).isEqualTo(json("{'delay':30,'x':1}"));
    }

    @Test
    void secondsPath_notAnInteger_failsWithStatesRuntime() throws Exception {
        ExecutionResult result = run(single("{'Type':'Wait','SecondsPath':'$.delay','End':true}"),
                json("{'delay':'soon'}"));

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void timestamp_inTheFutureOfTheClock_waitsUntilThen() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

        long millis = millisToRun(single("{'Type':'Wait','Timestamp':'2024-06-01T12:00:40Z','End':true}"), "{}",
                HUNDREDFOLD.withClock(clock));

        assertThat(millis).isBetween(350L, 5_000L);
    }

    @Test
    void timestampPath_inThePast_doesNotWait() throws Exception {
        long millis = millisToRun(single("{'Type':'Wait','TimestampPath':'$.until','End':true}"),
                "{'until':'2001-01-01T00:00:00Z'}", ExecutionOptions.defaults());

        assertThat(millis).isLessThan(2_000L);
    }

    @Test
    void timestampPath_notATimestamp_failsWithStatesRuntime() throws Exception {
        ExecutionResult result = run(single("{'Type':'Wait','TimestampPath':'$.until','End':true}"),
                json("{'until':'tomorrow'}"));

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void stop_waitingExecution_endsAbortedAtOnce() throws Exception {
        StateMachine machine = StateMachine.parse(Asl.definition(
                single("{'Type':'Wait','Seconds':3600,'End':true}")), Map.of());
        Execution execution = machine.start("waiting", json("{}"), TaskRegistry.builder().build(),
                ExecutionOptions.defaults());
        awaitEvent(execution, "WaitStateEntered");

        long start = System.nanoTime();
        execution.stop("dlt.Cancelled", "cancelled by the user");
        ExecutionResult result = execution.await(Duration.ofSeconds(5));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000L);
        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(result.error()).isEqualTo("dlt.Cancelled");
        assertThat(result.cause()).isEqualTo("cancelled by the user");
        assertThat(result.history().getLast().type()).isEqualTo("ExecutionAborted");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void await_executionStillRunning_throwsTimeout() {
        Execution execution = StateMachine.parse(Asl.definition(single("{'Type':'Wait','Seconds':3600,'End':true}")),
                Map.of()).start("long", json("{}"), TaskRegistry.builder().build(), ExecutionOptions.defaults());
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> execution.await(Duration.ofMillis(100)))
                    .isInstanceOf(TimeoutException.class);
            assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
        } finally {
            execution.stop("test over");
        }
    }

    static void awaitEvent(Execution execution, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (execution.history().stream().noneMatch(e -> e.type().equals(type))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type + " event in " + execution.history());
            }
            Thread.sleep(5);
        }
    }
}
