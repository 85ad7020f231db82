package dlt.ecrchecker;

import java.io.ByteArrayInputStream;
import dlt.aws.priming.HandlerPriming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.core.run.workflow.ImageCheck;
import dlt.core.run.workflow.WorkflowJson;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The state machine's first state: {@link ImageCheck} in, {@link ImageCheck.Result} out; a missing image
 * fails with {@code dlt.core.run.workflow.RunFailedException} and a reason a user can act on.
 */
public final class EcrCheckerHandler implements RequestStreamHandler {

    private final CheckWorkerImage checkWorkerImage;

    // SnapStart: one pass with a synthetic event before the snapshot (HandlerPriming: no side effects on AWS)
    private final HandlerPriming priming = HandlerPriming.register(() -> handleRequest(new ByteArrayInputStream(
            HandlerPriming.workflowEvent(null, null)), OutputStream.nullOutputStream(), null));

    /** For tests and the local platform (which checks the worker jar instead). */
    public EcrCheckerHandler(CheckWorkerImage checkWorkerImage) {
        this.checkWorkerImage = checkWorkerImage;
    }

    /** For the Lambda runtime: the ECR adapter wired from the environment, once. */
    public EcrCheckerHandler() {
        this(wire());
    }

    private static CheckWorkerImage wire() {
        AwsClients clients = new AwsClients(AwsSettings.fromEnvironment());
        return new CheckWorkerImage(new EcrImageCheck(System.getenv(EcrImageCheck.IMAGE_VARIABLE),
                region -> clients.client(AwsService.ECR, region, EcrClient::builder)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        ImageCheck command = WorkflowJson.read(input, ImageCheck.class);
        ImageCheck.Result result = checkWorkerImage.check(command);
        if (context != null && context.getLogger() != null) {
            context.getLogger().log("worker image ok: testId=" + command.testId() + " testRunId=" + command.testRunId()
                    + " image=" + result.image() + " location=" + result.location() + "\n");
        }
        WorkflowJson.write(output, result);
    }
}
