package dlt.local.asl;

import static dlt.local.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A machine shaped like dlt's: launch, poll with a deadline, release or cancel, then parse results. */
class PollingMachineTest {
    private static final String DEFINITION = """
            {"Comment":"launch, poll provisioning with a deadline, then parse","StartAt":"Launch","States":{
              "Launch":{"Type":"Task","Resource":"${TaskRunnerArn}","ResultPath":"$.launch","Next":"CheckProvisioning",
                "Parameters":{"testId.$":"$.testId","testRunId.$":"$.testRunId","execution.$":"$$.Execution.Name"},
                "Retry":[{"ErrorEquals":["dlt.local.asl.PollingMachineTest$ServiceException"],"IntervalSeconds":2,
                          "MaxAttempts":3,"BackoffRate":2,"JitterStrategy":"FULL"}],
                "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Cancel"}]},
              "CheckProvisioning":{"Type":"Task","Resource":"${StatusCheckerArn}","ResultPath":"$.status",
                "Parameters":{"testRunId.$":"$.testRunId","expected.$":"$.launch.taskCount"},
                "Retry":[{"ErrorEquals":["dlt.local.asl.PollingMachineTest$ServiceException"],"MaxAttempts":2}],
                "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Cancel"}],
                "Next":"AllRunning?"},
              "AllRunning?":{"Type":"Choice","Choices":[
                  {"Variable":"$.status.running","NumericEqualsPath":"$.launch.taskCount","Next":"Parse"},
                  {"Variable":"$.status.checkedAt","TimestampGreaterThanEqualsPath":"$.launch.deadline",
                   "Next":"DeadlinePassed"}],
                "Default":"WaitProvisioning"},
              "WaitProvisioning":{"Type":"Wait","SecondsPath":"$.launch.pollSeconds","Next":"CheckProvisioning"},
              "DeadlinePassed":{"Type":"Pass","ResultPath":"$.error",
                "Parameters":{"Error":"dlt.ProvisioningTimeout","Cause.$":"States.Format('only {} of {} tasks running', $.status.running, $.launch.taskCount)"},
                "Next":"Cancel"},
              "Cancel":{"Type":"Task","Resource":"${CancelerArn}","ResultPath":null,"Next":"ParseAfterFailure"},
              "ParseAfterFailure":{"Type":"Task","Resource":"${ParserArn}","ResultPath":null,"Next":"Failed"},
              "Failed":{"Type":"Fail","ErrorPath":"$.error.Error","CausePath":"$.error.Cause"},
              "Parse":{"Type":"Task","Resource":"${ParserArn}","OutputPath":"$.summary","End":true}}}""";

    private static final Map<String, String> ARNS = Map.of(
            "TaskRunnerArn", "arn:aws:lambda:local:0:function:task-runner",
            "StatusCheckerArn", "arn:aws:lambda:local:0:function:task-status-checker",
            "CancelerArn", "arn:aws:lambda:local:0:function:task-canceler",
            "ParserArn", "arn:aws:lambda:local:0:function:results-parser");

    /** An AWS SDK error as the task-runner would let it escape. */
    static final class ServiceException extends RuntimeException {
        ServiceException(String message) {
            super(message);
        }
    }

    /** Fakes of the four handlers; simulated time advances one poll interval per status check. */
    private static final class Platform {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-06-01T12:00:00Z"));
        final AtomicInteger launches = new AtomicInteger();
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicInteger parses = new AtomicInteger();
        final int runningAfterChecks;

        Platform(int runningAfterChecks) {
            this.runningAfterChecks = runningAfterChecks;
        }

        TaskRegistry registry() {
            return TaskRegistry.builder()
                    .register(ARNS.get("TaskRunnerArn"), input -> {
                        if (launches.incrementAndGet() == 1) {
                            throw new ServiceException("Rate exceeded");
                        }
                        ObjectNode out = json("{'taskCount':3,'pollSeconds':30}").deepCopy();
                        out.put("deadline", now.get().plus(Duration.ofMinutes(15)).toString());
                        return out;
                    })
                    .register(ARNS.get("StatusCheckerArn"), input -> {
                        int check = checks.incrementAndGet();
                        Instant at = now.getAndUpdate(t -> t.plusSeconds(30)).plusSeconds(30);
                        int running = check >= runningAfterChecks ? input.get("expected").intValue() : 1;
                        return json("{'running':" + running + ",'checkedAt':'" + at + "'}");
                    })
                    .register(ARNS.get("CancelerArn"), input -> {
                        cancels.incrementAndGet();
                        return json("{'stopped':3}");
                    })
                    .register(ARNS.get("ParserArn"), input -> {
                        parses.incrementAndGet();
                        return json("{'summary':{'status':'complete','testRunId':'" + input.get("testRunId").textValue()
                                + "'}}");
                    })
                    .build();
        }
    }

    private static Execution start(Platform platform, String name) {
        return StateMachine.parse("dlt", DEFINITION, ARNS).start(name, json("{'testId':'t1','testRunId':'r1'}"),
                platform.registry(), ExecutionOptions.defaults().withWaitScale(0.001));
    }

    @Test
    void pollingMachine_workersComeUp_pollsUntilRunningThenParses() throws Exception {
        Platform platform = new Platform(4);

        ExecutionResult result = start(platform, "run-ok").await(Duration.ofSeconds(30));

        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{'status':'complete','testRunId':'r1'}"));
        assertThat(platform.launches.get()).isEqualTo(2);
        assertThat(platform.checks.get()).isEqualTo(4);
        assertThat(platform.cancels.get()).isZero();
        List<String> waits = result.history().stream().map(HistoryEvent::type)
                .filter(type -> type.equals("WaitStateEntered")).toList();
        assertThat(waits).hasSize(3);
        assertThat(result.historyEventCount()).isEqualTo(result.history().size());
    }

    @Test
    void pollingMachine_deadlinePasses_cancelsParsesAndFails() throws Exception {
        Platform platform = new Platform(Integer.MAX_VALUE);

        ExecutionResult result = start(platform, "run-stuck").await(Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("dlt.ProvisioningTimeout");
        assertThat(result.cause()).isEqualTo("only 1 of 3 tasks running");
        assertThat(platform.checks.get()).isEqualTo(30);
        assertThat(platform.cancels.get()).isEqualTo(1);
        assertThat(platform.parses.get()).isEqualTo(1);
    }

    @Test
    void stop_duringRunningTask_abortsWithoutWaitingForHandler() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskRegistry tasks = TaskRegistry.builder().register("arn:block", input -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return input;
        }).build();
        Execution execution = StateMachine.parse(Asl.definition(Asl.single(
                "{'Type':'Task','Resource':'arn:block','End':true}")), Map.of())
                .start("blocked", json("{}"), tasks, ExecutionOptions.defaults());
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            execution.stop("cancelled");
            ExecutionResult result = execution.await(Duration.ofSeconds(5));

            assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(result.cause()).isEqualTo("cancelled");
        } finally {
            release.countDown();
        }
    }

    @Test
    void stop_afterEnd_changesNothing() throws Exception {
        Execution execution = StateMachine.parse(Asl.definition(Asl.single("{'Type':'Succeed'}")), Map.of())
                .start("done", json("{'a':1}"), TaskRegistry.builder().build(), Asl.INSTANT);
        ExecutionResult before = execution.await(Duration.ofSeconds(5));

        execution.stop("too late");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.await(Duration.ofSeconds(1))).isEqualTo(before);
        JsonNode output = before.output();
        assertThat(output).isEqualTo(json("{'a':1}"));
    }
}
