package dlt.core.run.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The error object a Catch puts in the state's data ({@code {"Error": name, "Cause": text}}). For a Java
 * Lambda the cause is the runtime's JSON ({@code {"errorMessage", "errorType", "stackTrace"}}); for the
 * service's own errors (States.Timeout, Lambda.*) it is plain text or absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the run ended because a user cancelled it. */
    public boolean isCancel() {
        return RunCancelledException.ERROR_NAME.equals(error);
    }

    /** What a user reads: the handler's message when the cause carries one, else the cause, else the error's name. */
    public String reason() {
        if (cause != null && !cause.isBlank()) {
            String trimmed = cause.trim();
            if (trimmed.startsWith("{")) {
                try {
                    JsonNode message = JSON.readTree(trimmed).get("errorMessage");
                    if (message != null && message.isTextual() && !message.asText().isBlank()) {
                        return message.asText();
                    }
                } catch (Exception notJson) {
                    // a cause that only looks like JSON is shown as it is
                }
            }
            return trimmed.length() > 1000 ? trimmed.substring(0, 1000) + "..." : trimmed;
        }
        return error == null || error.isBlank() ? "the run failed for an unknown reason" : error;
    }
}
