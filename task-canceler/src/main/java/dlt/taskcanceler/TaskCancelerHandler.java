package dlt.taskcanceler;

import java.io.ByteArrayInputStream;
import dlt.aws.priming.HandlerPriming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dlt.aws.AwsClients;
import dlt.aws.AwsSettings;
import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import dlt.aws.dynamodb.DynamoDbTestRunRepository;
import dlt.aws.ecs.EcsTaskLauncher;
import dlt.core.run.workflow.CancelRun;
import dlt.core.run.workflow.PlatformUnavailableException;
import dlt.core.run.workflow.WorkflowJson;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The canceller: invoked asynchronously by the API ({@code {"testId", "testRunId"}}) and as the state
 * machine's failure and cancel path ({@link CancelRun} with the run's regions and the Catch's error).
 * Answers {@link CancelRun.Result}, whose {@code outcome} and {@code errorReason} the results parser takes.
 */
public final class TaskCancelerHandler implements RequestStreamHandler {

    private final StopRun stopRun;

    // SnapStart: one pass before the snapshot. Cancelling writes, so the synthetic event lacks the run id and
    // stops at validation (HandlerPriming); the repositories' own priming warms the clients.
    private final HandlerPriming priming = HandlerPriming.register(() -> handleRequest(new ByteArrayInputStream(
            "{\"testId\":\"dlt-priming\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            OutputStream.nullOutputStream(), null));

    /** For tests and the local platform. */
    public TaskCancelerHandler(StopRun stopRun) {
        this.stopRun = stopRun;
    }

    /** For the Lambda runtime: AWS adapters wired from the environment, once. */
    public TaskCancelerHandler() {
        this(wire(AwsSettings.fromEnvironment()));
    }

    private static StopRun wire(AwsSettings settings) {
        AwsClients clients = new AwsClients(settings);
        return new StopRun(new EcsTaskLauncher(clients::ecs, clients::serviceQuotas),
                new DynamoDbScenarioRepository(clients.dynamoDb(), settings.scenariosTable()),
                new DynamoDbTestRunRepository(clients.dynamoDb(), settings.historyTable(), settings.historyStartTimeIndex()),
                StopRun.Patience.DEFAULT, StopRun.Sleeper.THREAD);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        CancelRun command = WorkflowJson.read(input, CancelRun.class);
        CancelRun.Result result;
        try {
            result = stopRun.cancel(command);
        } catch (SdkException e) {
            throw new PlatformUnavailableException("an AWS service failed: " + e.getMessage(), e);
        }
        if (context != null && context.getLogger() != null) {
            context.getLogger().log("cancel: testId=" + command.testId() + " testRunId=" + command.testRunId() + " -> "
                    + WorkflowJson.toJson(result) + "\n");
        }
        WorkflowJson.write(output, result);
    }
}
