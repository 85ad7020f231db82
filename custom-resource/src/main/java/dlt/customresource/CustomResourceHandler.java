package dlt.customresource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.aws.priming.HandlerPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The CloudFormation custom resource protocol, owned here and nowhere else: reads the request, runs the
 * {@link CustomResource} its {@code ResourceType} names (Create, Update or Delete), and always answers the
 * presigned {@code ResponseURL}: SUCCESS with the outcome, or FAILED with the reason on any error (an
 * unanswered request leaves the stack waiting for an hour). Delivery is retried on network errors.
 */
public final class CustomResourceHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(CustomResourceHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudFormation refuses response documents over 4 KB; the reason is cut to leave room for the rest. */
    static final int MAX_REASON_CHARS = 1_000;
    static final int SEND_ATTEMPTS = 4;

    /** Waits between delivery attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Map<String, CustomResource> resources;
    private final ResponseSender sender;
    private final Sleeper sleeper;
    // SnapStart: parse and dispatch a synthetic request (a delete of no known type: nothing is called or sent)
    private final HandlerPriming priming = HandlerPriming.register(() -> run(parse(JSON.readTree(
            "{\"RequestType\":\"Delete\",\"ResponseURL\":\"https://dlt-priming.invalid\",\"ResourceType\":"
                    + "\"Custom::DltPriming\",\"LogicalResourceId\":\"DltPriming\",\"ResourceProperties\":{}}"))));

    /** For tests. */
    public CustomResourceHandler(Map<String, CustomResource> resources, ResponseSender sender, Sleeper sleeper) {
        this.resources = Map.copyOf(resources);
        this.sender = sender;
        this.sleeper = sleeper;
    }

    /** For the Lambda runtime: the resources wired to AWS, once. */
    public CustomResourceHandler() {
        this(AwsResources.wire(), new HttpResponseSender(Duration.ofSeconds(10)),
                duration -> Thread.sleep(duration.toMillis()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        CustomResourceRequest request = parse(event);
        String logStream = context == null ? "-" : context.getLogStreamName();
        ObjectNode response = JSON.createObjectNode();
        response.put("StackId", request.stackId());
        response.put("RequestId", request.requestId());
        response.put("LogicalResourceId", request.logicalResourceId());
        try {
            CustomResource.Outcome outcome = run(request);
            response.put("Status", "SUCCESS");
            response.put("PhysicalResourceId", outcome.physicalResourceId());
            ObjectNode data = response.putObject("Data");
            outcome.data().forEach(data::put);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, request.requestType() + " " + request.resourceType() + " " + request.logicalResourceId()
                    + " failed", e);
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage() + " (log stream " + logStream + ")";
            response.put("Status", "FAILED");
            response.put("Reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
            // a failed create has no id yet; CloudFormation's rollback deletes whatever id it was told
            response.put("PhysicalResourceId", request.physicalIdOr(request.logicalResourceId() + "-" + request.requestId()));
        }
        deliver(URI.create(request.responseUrl()), JSON.writeValueAsBytes(response));
        output.write(JSON.writeValueAsBytes(response));
    }

    private CustomResource.Outcome run(CustomResourceRequest request) {
        CustomResource resource = resources.get(request.resourceType());
        if (resource == null) {
            if ("Delete".equals(request.requestType())) {
                // nothing of an unknown type was ever created; refusing would block the stack's deletion
                return CustomResource.Outcome.of(request.physicalIdOr(request.logicalResourceId()));
            }
            throw new IllegalArgumentException("no custom resource of type " + request.resourceType() + "; known: "
                    + String.join(", ", resources.keySet().stream().sorted().toList()));
        }
        return switch (request.requestType()) {
            case "Create" -> resource.create(request);
            case "Update" -> resource.update(request);
            case "Delete" -> {
                resource.delete(request);
                yield CustomResource.Outcome.of(request.physicalIdOr(request.logicalResourceId()));
            }
            default -> throw new IllegalArgumentException("unknown RequestType " + request.requestType());
        };
    }

    private void deliver(URI responseUrl, byte[] body) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
            try {
                sender.send(responseUrl, body);
                return;
            } catch (IOException e) {
                last = e;
                LOG.log(Level.WARNING, "sending the response failed (attempt " + attempt + "): " + e.getMessage());
                if (attempt < SEND_ATTEMPTS) {
                    try {
                        sleeper.sleep(Duration.ofSeconds(1L << (attempt - 1)));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        throw last;
    }

    static CustomResourceRequest parse(JsonNode event) {
        if (event == null || !event.isObject() || !event.hasNonNull("ResponseURL")) {
            throw new IllegalArgumentException("not a CloudFormation custom resource request (no ResponseURL)");
        }
        JsonNode properties = event.path("ResourceProperties");
        JsonNode old = event.path("OldResourceProperties");
        return new CustomResourceRequest(event.path("RequestType").asText(), event.get("ResponseURL").asText(),
                event.path("StackId").asText(), event.path("RequestId").asText(), event.path("ResourceType").asText(),
                event.path("LogicalResourceId").asText(), event.path("PhysicalResourceId").asText(null),
                properties.isObject() ? properties : JSON.createObjectNode(),
                old.isObject() ? old : JSON.createObjectNode());
    }
}
