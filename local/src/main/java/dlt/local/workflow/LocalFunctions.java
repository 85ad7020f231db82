package dlt.local.workflow;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.local.asl.TaskHandler;
import dlt.local.asl.TaskRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state machine's Lambda functions, in-process: each Task resource ARN maps to the real handler,
 * invoked with JSON bytes in and out as the Lambda runtime does, so a handler's exception reaches the
 * interpreter as the same error name Step Functions would see.
 */
public final class LocalFunctions {
    public static final String ECR_CHECKER = "dlt-ecr-checker";
    public static final String TASK_RUNNER = "dlt-task-runner";
    public static final String TASK_STATUS_CHECKER = "dlt-task-status-checker";
    public static final String TASK_CANCELER = "dlt-task-canceler";
    public static final String RESULTS_PARSER = "dlt-results-parser";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INVOKE_TIMEOUT_MILLIS = 900_000;

    private final Map<String, RequestStreamHandler> byName = new LinkedHashMap<>();

    public LocalFunctions(RequestStreamHandler ecrChecker, RequestStreamHandler taskRunner,
                          RequestStreamHandler taskStatusChecker, RequestStreamHandler taskCanceler,
                          RequestStreamHandler resultsParser) {
        byName.put(ECR_CHECKER, ecrChecker);
        byName.put(TASK_RUNNER, taskRunner);
        byName.put(TASK_STATUS_CHECKER, taskStatusChecker);
        byName.put(TASK_CANCELER, taskCanceler);
        byName.put(RESULTS_PARSER, resultsParser);
    }

    public static String arn(String functionName) {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    /** The {@code DefinitionSubstitutions} the SAM template gives the state machine, with local ARNs. */
    public static Map<String, String> substitutions() {
        return Map.of(
                "EcrCheckerFunctionArn", arn(ECR_CHECKER),
                "TaskRunnerFunctionArn", arn(TASK_RUNNER),
                "TaskStatusCheckerFunctionArn", arn(TASK_STATUS_CHECKER),
                "TaskCancelerFunctionArn", arn(TASK_CANCELER),
                "ResultsParserFunctionArn", arn(RESULTS_PARSER));
    }

    public TaskRegistry registry() {
        TaskRegistry.Builder builder = TaskRegistry.builder();
        byName.forEach((name, handler) -> builder.register(arn(name), invoker(name, handler)));
        return builder.build();
    }

    /** Invokes a function by name, as an async Lambda invoke would run it (the canceller from the API). */
    public JsonNode invoke(String functionName, JsonNode input) throws Exception {
        RequestStreamHandler handler = byName.get(functionName);
        if (handler == null) throw new IllegalArgumentException("no local function " + functionName);
        return invoker(functionName, handler).handle(input);
    }

    private static TaskHandler invoker(String name, RequestStreamHandler handler) {
        return input -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), out,
                    LocalLambdaContext.of(name, INVOKE_TIMEOUT_MILLIS));
            byte[] bytes = out.toByteArray();
            return bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        };
    }
}
