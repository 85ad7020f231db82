package dlt.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.usecase.RunScheduledScenario;
import dlt.aws.priming.HandlerPriming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * The API function's entry point on Lambda. Its input is either an API Gateway REST proxy event or,
 * when a schedule fires, EventBridge Scheduler's {@link ScheduledRunEvent}; one function serves both
 * so a scheduled run starts exactly as a person's does. The first goes to {@link ApiHandler}, the
 * second to the scheduled-run use case through it.
 */
public final class ApiFunction implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(ApiFunction.class.getName());

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final ApiHandler api;

    // SnapStart: one harmless request before the snapshot, through the same JSON path API Gateway's take
    // (never a scheduler event, nothing written)
    private final HandlerPriming priming = HandlerPriming.register(() -> handleRequest(new ByteArrayInputStream(
            "{\"httpMethod\":\"GET\",\"path\":\"/stack-info\",\"resource\":\"/stack-info\"}"
                    .getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(), null));

    /** For the Lambda runtime: AWS adapters wired from the environment, once. */
    public ApiFunction() {
        this(new ApiHandler());
    }

    /** For tests and the local platform. */
    public ApiFunction(ApiHandler api) {
        this.api = api;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            MAPPER.writeValue(output, refusal("the function's input is not JSON"));
            return;
        }
        if (ScheduledRunEvent.isScheduledRun(event)) {
            MAPPER.writeValue(output, scheduledRun(event));
            return;
        }
        APIGatewayProxyRequestEvent request;
        try {
            request = MAPPER.treeToValue(event, APIGatewayProxyRequestEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "an input that is neither an API Gateway request nor a schedule's event");
            MAPPER.writeValue(output, refusal("the function's input is neither an API Gateway request nor a "
                    + "schedule's event"));
            return;
        }
        APIGatewayProxyResponseEvent response = api.handleRequest(request, context);
        MAPPER.writeValue(output, response);
    }

    private ObjectNode scheduledRun(JsonNode event) {
        ScheduledRunEvent scheduled;
        try {
            scheduled = ScheduledRunEvent.read(event);
        } catch (IllegalArgumentException e) {
            return refusal("the schedule's event is malformed: " + e.getMessage());
        }
        RunScheduledScenario.Result result = api.handleScheduledRun(scheduled);
        ObjectNode node = MAPPER.createObjectNode()
                .put("testId", scheduled.testId())
                .put("outcome", result.outcome().name())
                .put("message", result.message());
        if (result.testRunId() != null) {
            node.put("testRunId", result.testRunId());
        }
        return node;
    }

    private static ObjectNode refusal(String message) {
        return MAPPER.createObjectNode().put("outcome", "REFUSED").put("message", message);
    }
}
