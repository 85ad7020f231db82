package dlt.core.run.workflow;

import dlt.core.run.StateMachineInput.RegionRun;
import java.util.List;

/**
 * The task-canceler's input: stop every worker of the run. The API sends only the ids (a user's cancel:
 * every deployed region is searched); the state machine adds the run's regions and, when a state failed,
 * the Catch's {@code error}.
 */
public record CancelRun(String testId, String testRunId, List<RegionRun> regions, WorkflowError error) {
    public CancelRun {
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /**
     * What the canceller did, and how the run ends: {@code outcome} is {@code cancelled} or {@code failed}
     * (the results parser's outcome), {@code errorReason} what the run shows. {@code remaining}: workers
     * told to stop that had not stopped yet when the canceller gave up waiting.
     */
    public record Result(String testId, String testRunId, int stopRequests, int remaining, String outcome,
                         String errorReason) {
    }
}
