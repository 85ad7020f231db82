package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An in-process stand-in for a Lambda function: JSON in, JSON out. A thrown exception becomes the
 * state's error, named by the exception's fully qualified class name as the Java Lambda runtime
 * reports it in {@code errorType}.
 */
@FunctionalInterface
public interface TaskHandler {
    JsonNode handle(JsonNode input) throws Exception;
}
