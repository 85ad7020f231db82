package dlt.results;

import java.io.ByteArrayInputStream;
import dlt.aws.priming.HandlerPriming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dlt.aws.AwsClients;
import dlt.aws.AwsSettings;
import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import dlt.aws.dynamodb.DynamoDbTestRunRepository;
import dlt.aws.s3.S3ObjectStore;
import dlt.core.run.StateMachineInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results parser's Step Functions task. Its input is the state machine input with what the
 * states add, either nested ({@code {"run": {testId, testRunId, regions, ...}, "launchedTasks": {region:
 * [taskId]}, "outcome": "complete|cancelled|failed", "errorReason": "..."}}) or flat (the state machine
 * input's fields and the added ones side by side); fields it does not use are ignored. Its output is
 * {@code {"testId", "testRunId", "status", "partial"}}. Bad input fails with
 * {@link InvalidParseInputException}, which the state machine should not retry.
 *
 * <p>A stream handler, so the JSON mapping (records, unknown fields, the two shapes) is ours and
 * not the runtime's.
 */
public final class ResultsParserHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ParseRunResults parseRunResults;

    // SnapStart: one pass with a synthetic event before the snapshot (HandlerPriming: no side effects on AWS)
    private final HandlerPriming priming = HandlerPriming.register(() -> handleRequest(new ByteArrayInputStream(
            HandlerPriming.workflowEvent(null, null)), OutputStream.nullOutputStream(), null));

    /** For tests and the local platform. */
    public ResultsParserHandler(ParseRunResults parseRunResults) {
        this.parseRunResults = parseRunResults;
    }

    /** For the Lambda runtime: AWS adapters wired from the environment, once. */
    public ResultsParserHandler() {
        this(wire(AwsSettings.fromEnvironment()));
    }

    private static ParseRunResults wire(AwsSettings settings) {
        AwsClients clients = new AwsClients(settings);
        return new ParseRunResults(
                new S3ObjectStore(clients.s3(), clients.s3Presigner(), settings.scenariosBucket(), Clock.systemUTC()),
                new DynamoDbTestRunRepository(clients.dynamoDb(), settings.historyTable(), settings.historyStartTimeIndex()),
                new DynamoDbScenarioRepository(clients.dynamoDb(), settings.scenariosTable()), Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ParseResultsInput command = readInput(input.readAllBytes());
        ParseResultsOutput result = handle(command);
        if (context != null && context.getLogger() != null) {
            context.getLogger().log("results parsed: testId=" + result.testId() + " testRunId=" + result.testRunId()
                    + " status=" + result.status() + " partial=" + result.partial() + "\n");
        }
        output.write(MAPPER.writeValueAsBytes(result));
    }

    public ParseResultsOutput handle(ParseResultsInput input) {
        return parseRunResults.parse(input);
    }

    /** @throws InvalidParseInputException when the event is not JSON or lacks the run's ids */
    static ParseResultsInput readInput(byte[] json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new InvalidParseInputException("the input must be a JSON object");
            }
            JsonNode runNode = root.has("run") && root.get("run").isObject() ? root.get("run") : root;
            if (!runNode.path("regions").isArray()) {
                throw new InvalidParseInputException("the input has no regions array (the state machine input's)");
            }
            StateMachineInput run = MAPPER.treeToValue(runNode, StateMachineInput.class);
            Map<String, List<String>> launched = null;
            JsonNode launchedNode = root.get("launchedTasks");
            if (launchedNode != null && !launchedNode.isNull()) {
                launched = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> region : launchedNode.properties()) {
                    launched.put(region.getKey(), MAPPER.convertValue(region.getValue(),
                            MAPPER.getTypeFactory().constructCollectionType(List.class, String.class)));
                }
            }
            return new ParseResultsInput(run, launched,
                    ParseResultsInput.Outcome.fromWire(root.path("outcome").asText(null)),
                    root.path("errorReason").asText(null));
        } catch (JsonProcessingException e) {
            throw new InvalidParseInputException("the input is not a valid results parser event: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidParseInputException("the input is not a valid results parser event: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidParseInputException("the input could not be read: " + e.getMessage(), e);
        }
    }

    /** The event cannot be parsed: retrying will not help. */
    public static final class InvalidParseInputException extends RuntimeException {
        public InvalidParseInputException(String message) {
            super(message);
        }

        public InvalidParseInputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
