package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A dynamic value of a payload template ({@code "x.$"}): a path, a context path or an intrinsic function. */
interface Expression {
    JsonNode evaluate(JsonNode input, JsonNode context) throws StateFailure;

    static Expression parse(String text, String where) {
        if (text.startsWith("$")) {
            JsonPaths.Path path = JsonPaths.compile(text, where);
            return (input, context) -> path.require(input, context, where);
        }
        if (text.startsWith("States.")) {
            return IntrinsicFunctions.parse(text, where);
        }
        throw new InvalidDefinitionException(where + ": '" + text
                + "' is neither a path nor an intrinsic function");
    }
}
