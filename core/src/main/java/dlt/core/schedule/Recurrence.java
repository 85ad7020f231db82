package dlt.core.schedule;

import java.util.Arrays;
import java.util.Optional;

/** DLT's {@code recurrence} values. */
public enum Recurrence {
    DAILY("daily", 1),
    WEEKLY("weekly", 7),
    BIWEEKLY("biweekly", 14),
    /** Same day of the month; months without that day (the 31st in April) are skipped, as cron does. */
    MONTHLY("monthly", 0);

    private final String wire;
    private final int days;

    Recurrence(String wire, int days) {
        this.wire = wire;
        this.days = days;
    }

    public String wire() {
        return wire;
    }

    /** Days between runs; not for monthly. */
    int days() {
        if (this == MONTHLY) {
            throw new IllegalStateException("months have no fixed length");
        }
        return days;
    }

    public static Optional<Recurrence> fromWire(String text) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(text)).findFirst();
    }
}
