package dlt.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;

/** Test helpers: JSON from single-quoted text, and running a definition to its end. */
final class Asl {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ExecutionOptions INSTANT = ExecutionOptions.defaults().withWaitScale(0);

    private Asl() {
    }

    /** JSON written with single quotes for readability. */
    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String definition(String text) {
        return text.replace('\'', '"');
    }

    static ExecutionResult run(String definition, JsonNode input) throws Exception {
        return run(definition, input, TaskRegistry.builder().build());
    }

    static ExecutionResult run(String definition, JsonNode input, TaskRegistry tasks) throws Exception {
        return run(definition, input, tasks, INSTANT);
    }

    static ExecutionResult run(String definition, JsonNode input, TaskRegistry tasks, ExecutionOptions options)
            throws Exception {
        return StateMachine.parse(definition(definition), Map.of()).start("test", input, tasks, options)
                .await(Duration.ofSeconds(20));
    }

    /** A machine of one state named S, given as JSON text (single quotes). */
    static String single(String state) {
        return "{'StartAt':'S','States':{'S':" + state + "}}";
    }
}
