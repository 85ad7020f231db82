package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Parameters}, {@code ResultSelector}, {@code ItemSelector}: a JSON template whose fields named
 * {@code "x.$"} take their value from a path, a context path or an intrinsic function.
 */
final class PayloadTemplate {
    private sealed interface Node permits Literal, Dynamic, Obj, Arr {
    }

    private record Literal(JsonNode value) implements Node {
    }

    private record Dynamic(Expression expression) implements Node {
    }

    private record Field(String name, Node value) {
    }

    private record Obj(List<Field> fields) implements Node {
    }

    private record Arr(List<Node> items) implements Node {
    }

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    static PayloadTemplate parse(JsonNode template, String where) {
        if (!template.isObject()) {
            throw new InvalidDefinitionException(where + " must be an object");
        }
        return new PayloadTemplate(compile(template, where));
    }

    private static Node compile(JsonNode node, String where) {
        if (node.isObject()) {
            List<Field> fields = new ArrayList<>();
            boolean dynamic = false;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                String fieldWhere = where + "." + key;
                if (key.endsWith(".$")) {
                    if (!entry.getValue().isTextual()) {
                        throw new InvalidDefinitionException(fieldWhere + ": the value of a field ending in '.$' must be a string");
                    }
                    fields.add(new Field(key.substring(0, key.length() - 2),
                            new Dynamic(Expression.parse(entry.getValue().textValue(), fieldWhere))));
                    dynamic = true;
                } else {
                    Node value = compile(entry.getValue(), fieldWhere);
                    dynamic |= !(value instanceof Literal);
                    fields.add(new Field(key, value));
                }
            }
            return dynamic ? new Obj(List.copyOf(fields)) : new Literal(node.deepCopy());
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            boolean dynamic = false;
            for (int i = 0; i < node.size(); i++) {
                Node item = compile(node.get(i), where + "[" + i + "]");
                dynamic |= !(item instanceof Literal);
                items.add(item);
            }
            return dynamic ? new Arr(List.copyOf(items)) : new Literal(node.deepCopy());
        }
        return new Literal(node.deepCopy());
    }

    JsonNode evaluate(JsonNode input, JsonNode context) throws StateFailure {
        return evaluate(root, input, context);
    }

    private static JsonNode evaluate(Node node, JsonNode input, JsonNode context) throws StateFailure {
        switch (node) {
            case Literal literal -> {
                return literal.value().deepCopy();
            }
            case Dynamic dynamic -> {
                return dynamic.expression().evaluate(input, context).deepCopy();
            }
            case Obj obj -> {
                ObjectNode out = JsonValues.NODES.objectNode();
                for (Field field : obj.fields()) {
                    out.set(field.name(), evaluate(field.value(), input, context));
                }
                return out;
            }
            case Arr arr -> {
                ArrayNode out = JsonValues.NODES.arrayNode();
                for (Node item : arr.items()) {
                    out.add(evaluate(item, input, context));
                }
                return out;
            }
        }
    }
}
