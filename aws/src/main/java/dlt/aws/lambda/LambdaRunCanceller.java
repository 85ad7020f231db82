package dlt.aws.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.port.RunCanceller;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Cancels a run by invoking the task-canceler function asynchronously (Event): the API answers at once,
 * and the state machine sees the run's {@code cancelling} status at its next check whatever happens here.
 */
public final class LambdaRunCanceller implements RunCanceller {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String functionArn;

    public LambdaRunCanceller(LambdaClient lambda, String functionArn) {
        this.lambda = lambda;
        this.functionArn = functionArn;
    }

    /** @throws IllegalStateException when the canceller could not be invoked (message without SDK details) */
    @Override
    public void cancel(String testId, String testRunId) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("testId", testId);
        payload.put("testRunId", testRunId);
        SdkBytes body;
        try {
            body = SdkBytes.fromUtf8String(JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings always serialise", e);
        }
        try {
            lambda.invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT).payload(body));
        } catch (SdkException e) {
            throw new IllegalStateException("the task canceller could not be invoked for run " + testRunId, e);
        }
    }
}
