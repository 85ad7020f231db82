package dlt.core.port.memory;

import dlt.core.port.WorkflowStarter;
import dlt.core.run.StateMachineInput;
import java.util.ArrayList;
import java.util.List;

/** Records the input of every start; can be told to fail as Step Functions may. */
public final class RecordingWorkflowStarter implements WorkflowStarter {

    private final List<StateMachineInput> started = new ArrayList<>();
    private String failureMessage;

    @Override
    public synchronized String start(StateMachineInput input) {
        if (failureMessage != null) {
            throw new WorkflowStartException(failureMessage, null);
        }
        started.add(input);
        return "arn:aws:states:local:000000000000:execution:dlt:" + input.testId() + "-" + input.testRunId();
    }

    /** Every later start fails with {@code message}, until {@link #succeed()}. */
    public synchronized void failWith(String message) {
        this.failureMessage = message;
    }

    public synchronized void succeed() {
        this.failureMessage = null;
    }

    public synchronized List<StateMachineInput> started() {
        return List.copyOf(started);
    }
}
