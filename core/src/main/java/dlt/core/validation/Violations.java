package dlt.core.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while an input is checked, so all of them can be reported at once. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(String field, String rule, String message) {
        found.add(new Violation(field, rule, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** @throws ValidationException listing every violation, when there is any */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}
