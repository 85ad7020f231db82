package dlt.core.run.workflow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Reads a state's input and writes its output, as the workflow handlers (Lambda stream handlers) do: fields
 * a record does not know are ignored (states pass more than each handler reads), anything unreadable is an
 * {@link InvalidWorkflowInputException}.
 */
public final class WorkflowJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private WorkflowJson() {
    }

    public static <T> T read(InputStream input, Class<T> type) {
        try {
            return read(input.readAllBytes(), type);
        } catch (IOException e) {
            throw new InvalidWorkflowInputException("the input could not be read: " + e.getMessage(), e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidWorkflowInputException("the input is empty; expected " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw new InvalidWorkflowInputException("the input is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static void write(OutputStream output, Object value) {
        try {
            output.write(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("the output could not be written", e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
