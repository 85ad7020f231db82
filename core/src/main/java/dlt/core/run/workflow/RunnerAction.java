package dlt.core.run.workflow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import java.util.List;
import java.util.Map;

/** The task-runner's input: {@code "action"} is {@code launch} (one region) or {@code release} (the start barrier). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunnerAction.Launch.class, name = "launch"),
        @JsonSubTypes.Type(value = RunnerAction.Release.class, name = "release")})
public sealed interface RunnerAction {

    StateMachineInput run();

    /** Launch the region's {@code taskCount} workers. Answers {@link Launched}. */
    record Launch(StateMachineInput run, RegionRun region) implements RunnerAction {
    }

    /** Every region's workers run: write the start barrier. Answers {@link Released}. */
    record Release(StateMachineInput run, List<Launched> launched) implements RunnerAction {
        public Release {
            launched = launched == null ? List.of() : List.copyOf(launched);
        }
    }

    /** The workers a region launched ({@code launchedAt}: when, the start of its provisioning deadline). */
    record Launched(String region, int requested, List<String> taskIds, long launchedAt) {
        public Launched {
            taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        }
    }

    /** The barrier is written: workers start at {@code startAt}; the task ids of every region, for the checks after. */
    record Released(long startAt, Map<String, List<String>> launchedTasks) {
        public Released {
            launchedTasks = launchedTasks == null ? Map.of() : Map.copyOf(launchedTasks);
        }
    }
}
