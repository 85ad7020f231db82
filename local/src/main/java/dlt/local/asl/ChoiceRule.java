package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Choice rule: a comparison of a {@code Variable}, or {@code And}, {@code Or}, {@code Not} of rules. */
sealed interface ChoiceRule {
    boolean matches(JsonNode input, JsonNode context) throws StateFailure;

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) throws StateFailure {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(input, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) throws StateFailure {
            for (ChoiceRule rule : rules) {
                if (rule.matches(input, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) throws StateFailure {
            return !rule.matches(input, context);
        }
    }

    /** {@code operand} is the literal, or null when {@code operandPath} (a {@code ...Path} operator) is set. */
    record Comparison(JsonPaths.Path variable, String operator, JsonNode operand, JsonPaths.Path operandPath)
            implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) throws StateFailure {
            Optional<JsonNode> found = variable.read(input, context);
            if (operator.equals("IsPresent")) {
                return found.isPresent() == operand.booleanValue();
            }
            JsonNode value = found.orElseThrow(() -> StateFailure.runtime("Invalid path '" + variable.text()
                    + "': the choice state's condition path references an undefined value"));
            JsonNode expected = operandPath == null ? operand : operandPath.require(input, context, operator);
            String type = typeOf(operator);
            return switch (type) {
                case "IsNull" -> value.isNull() == expected.booleanValue();
                case "IsNumeric" -> value.isNumber() == expected.booleanValue();
                case "IsString" -> value.isTextual() == expected.booleanValue();
                case "IsBoolean" -> value.isBoolean() == expected.booleanValue();
                case "IsTimestamp" -> JsonValues.timestampOf(value).isPresent() == expected.booleanValue();
                case "StringMatches" -> value.isTextual() && wildcard(expected.textValue(), value.textValue());
                case "String" -> value.isTextual() && expected.isTextual()
                        && compared(operator, value.textValue().compareTo(expected.textValue()));
                case "Numeric" -> value.isNumber() && expected.isNumber()
                        && compared(operator, value.decimalValue().compareTo(expected.decimalValue()));
                case "Boolean" -> value.isBoolean() && expected.isBoolean() && value.booleanValue() == expected.booleanValue();
                case "Timestamp" -> {
                    Optional<Instant> left = JsonValues.timestampOf(value);
                    Optional<Instant> right = JsonValues.timestampOf(expected);
                    yield left.isPresent() && right.isPresent() && compared(operator, left.get().compareTo(right.get()));
                }
                default -> throw new IllegalStateException("unknown operator " + operator);
            };
        }

        private static boolean compared(String operator, int comparison) {
            String op = operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
            if (op.endsWith("LessThanEquals")) {
                return comparison <= 0;
            }
            if (op.endsWith("GreaterThanEquals")) {
                return comparison >= 0;
            }
            if (op.endsWith("LessThan")) {
                return comparison < 0;
            }
            if (op.endsWith("GreaterThan")) {
                return comparison > 0;
            }
            return comparison == 0;
        }
    }

    Set<String> TYPE_CHECKS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");
    List<String> COMPARED_TYPES = List.of("String", "Numeric", "Timestamp");
    List<String> COMPARISONS = List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals");

    static boolean isOperator(String name) {
        String op = name.endsWith("Path") ? name.substring(0, name.length() - 4) : name;
        if (TYPE_CHECKS.contains(name) || name.equals("StringMatches") || op.equals("BooleanEquals")) {
            return true;
        }
        for (String type : COMPARED_TYPES) {
            if (op.startsWith(type) && COMPARISONS.contains(op.substring(type.length()))) {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(String operator) {
        if (TYPE_CHECKS.contains(operator) || operator.equals("StringMatches")) {
            return operator;
        }
        for (String type : List.of("String", "Numeric", "Boolean", "Timestamp")) {
            if (operator.startsWith(type)) {
                return type;
            }
        }
        throw new IllegalStateException("unknown operator " + operator);
    }

    /** {@code *} matches any run of characters; {@code \*} and {@code \\} are a literal star and backslash. */
    static boolean wildcard(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches("(?s)" + regex);
    }

    /** Parses a rule; {@code topLevel} rules carry {@code Next}, nested ones must not. */
    static ChoiceRule parse(JsonNode node, String where, boolean topLevel) {
        if (!node.isObject()) {
            throw new InvalidDefinitionException(where + " must be an object");
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            boolean allowed = field.equals("Comment") || field.equals("Variable")
                    || field.equals("And") || field.equals("Or") || field.equals("Not")
                    || topLevel && field.equals("Next") || isOperator(field);
            if (!allowed) {
                throw new InvalidDefinitionException(where + ": unsupported field '" + field + "'"
                        + (field.equals("Next") ? " (only top-level rules have Next)" : ""));
            }
            if (!field.equals("Comment") && !field.equals("Variable") && !field.equals("Next")) {
                operators.add(field);
            }
        }
        if (operators.size() != 1) {
            throw new InvalidDefinitionException(where + ": a rule needs exactly one operator, found " + operators);
        }
        if (topLevel && !(node.path("Next").isTextual())) {
            throw new InvalidDefinitionException(where + ": a top-level rule needs a string 'Next'");
        }
        String operator = operators.get(0);
        JsonNode value = node.get(operator);
        String opWhere = where + "." + operator;
        switch (operator) {
            case "And", "Or" -> {
                if (node.has("Variable")) {
                    throw new InvalidDefinitionException(where + ": " + operator + " takes no 'Variable'");
                }
                if (!value.isArray() || value.isEmpty()) {
                    throw new InvalidDefinitionException(opWhere + " must be a non-empty array of rules");
                }
                List<ChoiceRule> rules = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    rules.add(parse(value.get(i), opWhere + "[" + i + "]", false));
                }
                return operator.equals("And") ? new And(List.copyOf(rules)) : new Or(List.copyOf(rules));
            }
            case "Not" -> {
                if (node.has("Variable")) {
                    throw new InvalidDefinitionException(where + ": Not takes no 'Variable'");
                }
                return new Not(parse(value, opWhere, false));
            }
            default -> {
                JsonNode variable = node.get("Variable");
                if (variable == null || !variable.isTextual()) {
                    throw new InvalidDefinitionException(where + ": " + operator + " needs a string 'Variable'");
                }
                JsonPaths.Path variablePath = JsonPaths.compile(variable.textValue(), where + ".Variable");
                if (operator.endsWith("Path") && !TYPE_CHECKS.contains(operator)) {
                    if (!value.isTextual()) {
                        throw new InvalidDefinitionException(opWhere + " must be a path string");
                    }
                    return new Comparison(variablePath, operator, null, JsonPaths.compile(value.textValue(), opWhere));
                }
                String type = typeOf(operator);
                boolean ok = switch (type) {
                    case "String", "StringMatches" -> value.isTextual();
                    case "Numeric" -> value.isNumber();
                    case "Timestamp" -> JsonValues.timestampOf(value).isPresent();
                    default -> value.isBoolean();
                };
                if (!ok) {
                    throw new InvalidDefinitionException(opWhere + ": " + JsonValues.text(value)
                            + " is not a valid " + (type.equals("Timestamp") ? "RFC 3339 timestamp" : "operand"));
                }
                return new Comparison(variablePath, operator, value.deepCopy(), null);
            }
        }
    }
}
