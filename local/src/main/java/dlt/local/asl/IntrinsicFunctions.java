package dlt.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intrinsic functions a definition may call in a payload template: {@code States.Format},
 * {@code States.StringToJson}, {@code States.JsonToString}, {@code States.Array},
 * {@code States.ArrayLength}, {@code States.ArrayContains}, {@code States.ArrayGetItem},
 * {@code States.ArrayRange}, {@code States.ArrayUnique}, {@code States.StringSplit},
 * {@code States.MathAdd}, {@code States.JsonMerge} (shallow). Any other is refused when parsing.
 */
final class IntrinsicFunctions {
    /** Name to [min, max] argument count (max -1: any). */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}));

    private IntrinsicFunctions() {
    }

    /** A string literal keeps its raw text: {@code States.Format} needs to tell {@code \{} from {@code {}}. */
    private record Literal(JsonNode value, String raw) implements Expression {
        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) {
            return value;
        }
    }

    private record Call(String name, List<Expression> args, String where) implements Expression {
        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) throws StateFailure {
            List<JsonNode> values = new ArrayList<>(args.size());
            for (Expression arg : args) {
                values.add(arg.evaluate(input, context));
            }
            return JsonValues.normalize(apply(this, values));
        }
    }

    static Expression parse(String text, String where) {
        Parser parser = new Parser(text, where);
        Expression expression = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the function call");
        }
        return expression;
    }

    private static final class Parser {
        private final String text;
        private final String where;
        private int pos;

        Parser(String text, String where) {
            this.text = text;
            this.where = where;
        }

        InvalidDefinitionException error(String problem) {
            return new InvalidDefinitionException(where + ": intrinsic function '" + text + "': " + problem
                    + " (at character " + pos + ")");
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Expression call() {
            int open = text.indexOf('(', pos);
            if (open < 0) {
                throw error("missing '('");
            }
            String name = text.substring(pos, open).trim();
            int[] arity = ARITY.get(name);
            if (arity == null) {
                throw new InvalidDefinitionException(where + ": unsupported intrinsic function '" + name + "'");
            }
            pos = open + 1;
            List<Expression> args = new ArrayList<>();
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    skipSpaces();
                    args.add(argument());
                    skipSpaces();
                    if (pos >= text.length()) {
                        throw error("missing ')'");
                    }
                    char c = text.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')'");
                    }
                }
            }
            if (args.size() < arity[0] || arity[1] >= 0 && args.size() > arity[1]) {
                throw new InvalidDefinitionException(where + ": " + name + " takes "
                        + (arity[1] < 0 ? "at least " + arity[0] : arity[0] == arity[1] ? "" + arity[0]
                        : arity[0] + " to " + arity[1]) + " arguments, got " + args.size());
            }
            if (name.equals("States.Format") && !(args.get(0) instanceof Literal literal && literal.value().isTextual())) {
                throw new InvalidDefinitionException(where + ": States.Format needs a string literal template first");
            }
            return new Call(name, List.copyOf(args), where);
        }

        Expression argument() {
            if (pos >= text.length()) {
                throw error("missing argument");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return string();
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            int start = pos;
            int depth = 0;
            boolean quoted = false;
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (quoted) {
                    if (ch == '\\') {
                        pos++;
                    } else if (ch == '\'') {
                        quoted = false;
                    }
                } else if (ch == '\'') {
                    quoted = true;
                } else if (ch == '[' || ch == '(') {
                    depth++;
                } else if (ch == ']' || ch == ')' && depth > 0) {
                    depth--;
                } else if (depth == 0 && (ch == ',' || ch == ')')) {
                    break;
                }
                pos++;
            }
            String token = text.substring(start, pos).trim();
            if (token.startsWith("$")) {
                JsonPaths.Path path = JsonPaths.compile(token, where);
                return (input, context) -> path.require(input, context, where);
            }
            JsonNode value;
            try {
                value = JsonValues.MAPPER.readTree(token);
            } catch (JsonProcessingException e) {
                value = null;
            }
            if (value == null || !(value.isNumber() || value.isBoolean() || value.isNull())) {
                throw error("'" + token + "' is not a string, number, boolean, null, path or function");
            }
            return new Literal(value, token);
        }

        Expression string() {
            int start = ++pos;
            StringBuilder value = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    value.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (c == '\'') {
                    String raw = text.substring(start, pos);
                    pos++;
                    return new Literal(JsonValues.NODES.textNode(value.toString()), raw);
                } else {
                    value.append(c);
                    pos++;
                }
            }
            throw error("unterminated string");
        }
    }

    private static StateFailure failure(Call call, String problem) {
        return new StateFailure(StateFailure.INTRINSIC_FAILURE, call.where() + ": " + call.name() + ": " + problem);
    }

    private static JsonNode apply(Call call, List<JsonNode> args) throws StateFailure {
        return switch (call.name()) {
            case "States.Format" -> format(call, args);
            case "States.StringToJson" -> {
                JsonNode text = args.get(0);
                if (!text.isTextual()) {
                    throw failure(call, "the argument must be a string");
                }
                try {
                    yield JsonValues.MAPPER.readTree(text.textValue());
                } catch (JsonProcessingException e) {
                    throw failure(call, "the string is not JSON: " + e.getOriginalMessage());
                }
            }
            case "States.JsonToString" -> JsonValues.NODES.textNode(JsonValues.text(args.get(0)));
            case "States.Array" -> JsonValues.NODES.arrayNode().addAll(args);
            case "States.ArrayLength" -> JsonValues.NODES.numberNode(array(call, args.get(0)).size());
            case "States.ArrayContains" -> {
                boolean found = false;
                JsonNode wanted = JsonValues.normalize(args.get(1));
                for (JsonNode item : array(call, args.get(0))) {
                    found |= JsonValues.normalize(item).equals(wanted);
                }
                yield JsonValues.NODES.booleanNode(found);
            }
            case "States.ArrayGetItem" -> {
                ArrayNode array = array(call, args.get(0));
                int index = integer(call, args.get(1)).intValueExact();
                if (index < 0 || index >= array.size()) {
                    throw failure(call, "index " + index + " is outside the array of " + array.size());
                }
                yield array.get(index);
            }
            case "States.ArrayRange" -> {
                long from = integer(call, args.get(0)).longValueExact();
                long to = integer(call, args.get(1)).longValueExact();
                long step = integer(call, args.get(2)).longValueExact();
                if (step == 0 || (to - from) / step > 1000) {
                    throw failure(call, "the step must be non-zero and the range at most 1000 items");
                }
                ArrayNode range = JsonValues.NODES.arrayNode();
                for (long i = from; step > 0 ? i <= to : i >= to; i += step) {
                    range.add(i);
                }
                yield range;
            }
            case "States.ArrayUnique" -> {
                Set<JsonNode> unique = new LinkedHashSet<>();
                array(call, args.get(0)).forEach(item -> unique.add(JsonValues.normalize(item)));
                yield JsonValues.NODES.arrayNode().addAll(unique);
            }
            case "States.StringSplit" -> {
                if (!args.get(0).isTextual() || !args.get(1).isTextual()) {
                    throw failure(call, "both arguments must be strings");
                }
                String delimiters = args.get(1).textValue();
                ArrayNode parts = JsonValues.NODES.arrayNode();
                StringBuilder part = new StringBuilder();
                for (char c : args.get(0).textValue().toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (!part.isEmpty()) {
                            parts.add(part.toString());
                        }
                        part.setLength(0);
                    } else {
                        part.append(c);
                    }
                }
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                }
                yield parts;
            }
            case "States.MathAdd" -> JsonValues.normalize(
                    JsonValues.NODES.numberNode(integer(call, args.get(0)).add(integer(call, args.get(1)))));
            case "States.JsonMerge" -> {
                if (!args.get(0).isObject() || !args.get(1).isObject()) {
                    throw failure(call, "the first two arguments must be objects");
                }
                if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
                    throw failure(call, "only a shallow merge (third argument false) is supported");
                }
                ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
                merged.setAll((ObjectNode) args.get(1).deepCopy());
                yield merged;
            }
            default -> throw new IllegalStateException("unknown intrinsic function " + call.name());
        };
    }

    private static ArrayNode array(Call call, JsonNode node) throws StateFailure {
        if (node instanceof ArrayNode array) {
            return array;
        }
        throw failure(call, "expected an array, got " + node.getNodeType().name().toLowerCase());
    }

    private static BigInteger integer(Call call, JsonNode node) throws StateFailure {
        if (node.isIntegralNumber() || node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
            return node.bigIntegerValue();
        }
        throw failure(call, "expected an integer, got " + JsonValues.text(node));
    }

    private static JsonNode format(Call call, List<JsonNode> args) throws StateFailure {
        String template = ((Literal) call.args().get(0)).raw();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure(call, "more {} placeholders than arguments");
                }
                JsonNode arg = args.get(next++);
                if (arg.isContainerNode()) {
                    throw failure(call, "arguments must be strings, numbers, booleans or null");
                }
                out.append(arg.isTextual() ? arg.textValue() : JsonValues.text(arg));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure(call, "more arguments than {} placeholders");
        }
        return JsonValues.NODES.textNode(out.toString());
    }
}
