package dlt.local.asl;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} placeholders in a definition's text, as CloudFormation does with a state
 * machine's {@code DefinitionSubstitutions}. A placeholder without a value is an error naming it.
 */
public final class DefinitionSubstitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private DefinitionSubstitutions() {
    }

    public static String apply(String definition, Map<String, String> substitutions) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(substitutions, "substitutions");
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder(definition.length());
        TreeSet<String> missing = new TreeSet<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = substitutions.get(name);
            if (value == null) {
                missing.add(name);
                value = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new InvalidDefinitionException("definition substitutions missing for placeholders " + missing);
        }
        return out.toString();
    }
}
