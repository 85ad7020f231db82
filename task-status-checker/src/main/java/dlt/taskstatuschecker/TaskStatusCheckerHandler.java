package dlt.taskstatuschecker;

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
import dlt.core.run.workflow.StatusCheck;
import dlt.core.run.workflow.WorkflowJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The status checker's Step Functions task: {@link StatusCheck} in ({@code "check": "preflight" |
 * "provisioning" | "completion"}), {@code PreflightResult}, {@code ProvisioningStatus} or
 * {@code CompletionStatus} out. Errors: {@code RunFailedException}, {@code RunCancelledException},
 * {@code PlatformUnavailableException} (retried by the state machine).
 */
public final class TaskStatusCheckerHandler implements RequestStreamHandler {

    private final CheckRun checkRun;

    // SnapStart: one pass with a synthetic event before the snapshot (HandlerPriming: no side effects on AWS)
    private final HandlerPriming priming = HandlerPriming.register(() -> handleRequest(new ByteArrayInputStream(
            HandlerPriming.workflowEvent("check", "preflight")), OutputStream.nullOutputStream(), null));

    /** For tests and the local platform. */
    public TaskStatusCheckerHandler(CheckRun checkRun) {
        this.checkRun = checkRun;
    }

    /** For the Lambda runtime: AWS adapters wired from the environment, once. */
    public TaskStatusCheckerHandler() {
        this(wire(AwsSettings.fromEnvironment()));
    }

    private static CheckRun wire(AwsSettings settings) {
        AwsClients clients = new AwsClients(settings);
        return new CheckRun(new EcsTaskLauncher(clients::ecs, clients::serviceQuotas),
                new DynamoDbTestRunRepository(clients.dynamoDb(), settings.historyTable(), settings.historyStartTimeIndex()),
                new DynamoDbScenarioRepository(clients.dynamoDb(), settings.scenariosTable()),
                new S3ObjectStore(clients.s3(), clients.s3Presigner(), settings.scenariosBucket(), Clock.systemUTC()),
                CheckerSettings.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        StatusCheck check = WorkflowJson.read(input, StatusCheck.class);
        Object result;
        try {
            result = switch (check) {
                case StatusCheck.Preflight preflight -> checkRun.preflight(preflight);
                case StatusCheck.Provisioning provisioning -> checkRun.provisioning(provisioning);
                case StatusCheck.Completion completion -> checkRun.completion(completion);
            };
        } catch (SdkException e) {
            throw new PlatformUnavailableException("an AWS service failed: " + e.getMessage(), e);
        }
        if (context != null && context.getLogger() != null && !(check instanceof StatusCheck.Preflight)) {
            context.getLogger().log("status " + check.getClass().getSimpleName().toLowerCase() + ": testId="
                    + check.run().testId() + " testRunId=" + check.run().testRunId() + " -> "
                    + WorkflowJson.toJson(result) + "\n");
        }
        WorkflowJson.write(output, result);
    }
}
