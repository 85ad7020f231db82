package dlt.core.run.workflow;

import dlt.core.port.TestRunRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import dlt.core.run.TestRun;

/** What every workflow step checks before it acts on a run, and how a state's region becomes the launcher's. */
public final class RunGuard {
    private RunGuard() {
    }

    /**
     * The run as stored, if it may go on.
     *
     * @throws RunCancelledException when a user asked to cancel it ({@code cancelling})
     * @throws RunFailedException    when it no longer exists or already ended
     */
    public static TestRun requireGoingOn(TestRunRepository runs, StateMachineInput run) {
        TestRun current = runs.find(run.testId(), run.testRunId()).orElseThrow(() -> new RunFailedException(
                "run " + run.testRunId() + " of test " + run.testId() + " no longer exists (deleted while it ran?)"));
        if (current.status() == RunStatus.CANCELLING) {
            throw new RunCancelledException(run.testRunId());
        }
        if (current.status().isTerminal()) {
            throw new RunFailedException("run " + run.testRunId() + " already ended as " + current.status().wire());
        }
        return current;
    }

    /** Checks that the state's input names a run; the Map's and the API's inputs are read as they come. */
    public static StateMachineInput requireRun(StateMachineInput run) {
        if (run == null || blank(run.testId()) || blank(run.testRunId())) {
            throw new InvalidWorkflowInputException("the input has no run (testId, testRunId)");
        }
        return run;
    }

    /** The region's resources as the task launcher takes them. */
    public static RegionResources resources(RegionRun region) {
        return new RegionResources(region.region(), region.cluster(), region.taskDefinition(), null, region.subnets(),
                region.securityGroup(), region.logGroup());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
