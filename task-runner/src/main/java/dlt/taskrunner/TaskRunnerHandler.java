package dlt.taskrunner;

import java.io.ByteArrayInputStream;
import dlt.aws.priming.HandlerPriming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dlt.aws.AwsClients;
import dlt.aws.AwsSettings;
import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import dlt.aws.dynamodb.DynamoDbTestRunRepository;
import dlt.aws.ecs.EcsTaskLauncher;
import dlt.aws.s3.S3ObjectStore;
import dlt.core.run.workflow.PlatformUnavailableException;
import dlt.core.run.workflow.RunnerAction;
import dlt.core.run.workflow.WorkflowJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The task runner's Step Functions task: {@link RunnerAction} in ({@code "action": "launch"} or
 * {@code "release"}), {@code Launched} or {@code Released} out. Errors: {@code RunFailedException} (not
 * retried), {@code RunCancelledException}, {@code PlatformUnavailableException} (retried by the state machine).
 */
public final class TaskRunnerHandler implements RequestStreamHandler {

    private final RunWorkers runWorkers;

    // SnapStart: one pass with a synthetic event before the snapshot (HandlerPriming: no side effects on AWS)
    private final HandlerPriming priming = HandlerPriming.register(() -> handleRequest(new ByteArrayInputStream(
            HandlerPriming.workflowEvent("action", "launch")), OutputStream.nullOutputStream(), null));

    /** For tests and the local platform. */
    public TaskRunnerHandler(RunWorkers runWorkers) {
        this.runWorkers = runWorkers;
    }

    /** For the Lambda runtime: AWS adapters wired from the environment, once. */
    public TaskRunnerHandler() {
        this(wire(AwsSettings.fromEnvironment()));
    }

    private static RunWorkers wire(AwsSettings settings) {
        AwsClients clients = new AwsClients(settings);
        return new RunWorkers(new EcsTaskLauncher(clients::ecs, clients::serviceQuotas),
                new DynamoDbTestRunRepository(clients.dynamoDb(), settings.historyTable(), settings.historyStartTimeIndex()),
                new DynamoDbScenarioRepository(clients.dynamoDb(), settings.scenariosTable()),
                new S3ObjectStore(clients.s3(), clients.s3Presigner(), settings.scenariosBucket(), Clock.systemUTC()),
                RunnerSettings.fromEnvironment(settings, System.getenv()), Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        RunnerAction action = WorkflowJson.read(input, RunnerAction.class);
        Object result;
        try {
            result = switch (action) {
                case RunnerAction.Launch launch -> runWorkers.launch(launch);
                case RunnerAction.Release release -> runWorkers.release(release);
            };
        } catch (SdkException e) {
            throw new PlatformUnavailableException("an AWS service failed: " + e.getMessage(), e);
        }
        if (context != null && context.getLogger() != null) {
            context.getLogger().log("task runner " + action.getClass().getSimpleName().toLowerCase() + ": testId="
                    + action.run().testId() + " testRunId=" + action.run().testRunId() + " -> "
                    + WorkflowJson.toJson(result) + "\n");
        }
        WorkflowJson.write(output, result);
    }
}
