package dlt.core.port;

import dlt.core.run.StateMachineInput;

/** Starts the state machine for a run (AWS: Step Functions StartExecution with a run-specific name). */
public interface WorkflowStarter {

    /**
     * @return the execution's id (ARN on AWS)
     * @throws WorkflowStartException when the workflow could not be started; the run is then failed
     */
    String start(StateMachineInput input);

    final class WorkflowStartException extends RuntimeException {
        public WorkflowStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
