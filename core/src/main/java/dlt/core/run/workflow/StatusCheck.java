package dlt.core.run.workflow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import java.util.List;
import java.util.Map;

/**
 * The task-status-checker's input: {@code "check"} names which check, the rest is that check's fields.
 * Each answers with the record named beside it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "check")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StatusCheck.Preflight.class, name = "preflight"),
        @JsonSubTypes.Type(value = StatusCheck.Provisioning.class, name = "provisioning"),
        @JsonSubTypes.Type(value = StatusCheck.Completion.class, name = "completion")})
public sealed interface StatusCheck {

    StateMachineInput run();

    /** Before anything launches: no other run of the test is active. Answers {@link PreflightResult}. */
    record Preflight(StateMachineInput run) implements StatusCheck {
    }

    /** Are a region's launched workers all running? Answers {@link ProvisioningStatus}. */
    record Provisioning(StateMachineInput run, RegionRun region, List<String> taskIds, long launchedAt)
            implements StatusCheck {
        public Provisioning {
            taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        }
    }

    /** Have all workers of every region finished? Answers {@link CompletionStatus}. */
    record Completion(StateMachineInput run, Map<String, List<String>> launchedTasks, long startAt)
            implements StatusCheck {
        public Completion {
            launchedTasks = launchedTasks == null ? Map.of() : Map.copyOf(launchedTasks);
        }
    }

    /** The run may start: one Map item per region. */
    record PreflightResult(List<RegionItem> regions) {
    }

    /**
     * A region's workers by ECS status; {@code allRunning} moves the region on, otherwise the state machine
     * waits {@code waitSeconds} and checks again (past {@code deadline} the check fails the run).
     */
    record ProvisioningStatus(String region, int expected, int running, int pending, int stopped, boolean allRunning,
                              long deadline, int waitSeconds) {
    }

    /**
     * How far the run is: {@code done} when every launched worker left its completion marker or stopped,
     * or when the deadline passed ({@code timedOut}; the workers still running then were stopped and are
     * listed in {@code stragglersStopped}). Not done: wait {@code waitSeconds} and check again.
     */
    record CompletionStatus(boolean done, int expected, int completed, int stopped, boolean timedOut,
                            List<String> stragglersStopped, long deadline, int waitSeconds) {
        public CompletionStatus {
            stragglersStopped = stragglersStopped == null ? List.of() : List.copyOf(stragglersStopped);
        }
    }
}
