package dlt.core.validation;

import java.util.Objects;

/**
 * One problem with an input: where it is ({@code testScenario.execution[0].hold-for}; empty for the
 * whole document), the rule it breaks, and a message for the person who sent it.
 */
public record Violation(String field, String rule, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message + " (" + rule + ")" : field + ": " + message + " (" + rule + ")";
    }
}
