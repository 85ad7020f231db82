package dlt.aws.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.port.WorkflowStarter;
import dlt.core.run.StateMachineInput;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** Starts the test state machine for a run; the execution is named after the run so a run starts once. */
public final class StepFunctionsWorkflowStarter implements WorkflowStarter {

    /** Step Functions' limit on execution names. */
    static final int MAX_NAME_LENGTH = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflowStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public String start(StateMachineInput input) {
        String json;
        try {
            json = JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the state machine input is plain data and always serialises", e);
        }
        try {
            return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn)
                    .name(executionName(input.testId(), input.testRunId()))
                    .input(json)).executionArn();
        } catch (ExecutionAlreadyExistsException e) {
            throw new WorkflowStartException("run " + input.testRunId() + " was already started", e);
        } catch (StateMachineDoesNotExistException e) {
            throw new WorkflowStartException("the test workflow is not deployed in this stack", e);
        } catch (SdkException e) {
            // the SDK's text may name ARNs and request ids: not for users
            throw new WorkflowStartException("the test workflow could not be started; try again later", e);
        }
    }

    /**
     * {@code {testId}-{testRunId}} with characters outside {@code [A-Za-z0-9-_]} replaced (Step Functions
     * refuses spaces, brackets, wildcards and most punctuation, and CloudWatch wants less), cut to 80.
     */
    static String executionName(String testId, String testRunId) {
        String name = (testId + "-" + testRunId).replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH);
    }
}
