package dlt.core.scenario;

import dlt.core.validation.Violations;

/** Rules on free text that several fields share. */
final class TextRules {

    private TextRules() {
    }

    static boolean hasControlCharacter(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    /** testName's rules, which scenario names follow too: 3-255 characters, no control characters, trimmed. */
    static void checkName(String name, String field, Violations violations) {
        checkLength(name, 3, 255, field, violations);
        if (hasControlCharacter(name)) {
            violations.add(field, "no control characters", "must not contain control characters such as line breaks");
        }
        if (!name.isEmpty() && !name.strip().equals(name)) {
            violations.add(field, "no surrounding whitespace", "must not start or end with whitespace");
        }
    }

    static boolean checkLength(String text, int min, int max, String field, Violations violations) {
        int length = text.length();
        if (length < min || length > max) {
            violations.add(field, "length " + min + ".." + max,
                    "must be " + min + " to " + max + " characters long, not " + length);
            return false;
        }
        return true;
    }
}
