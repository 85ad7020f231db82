package dlt.core.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario duration such as {@code "30s"}, {@code "5m"} or {@code "2h"}: DLT's (and Taurus's)
 * duration text, parsed once. This is the only duration parser; DLT's own code accepted {@code h}
 * and {@code d} in validation but rejected them when computing a test's length.
 */
public record DltDuration(long millis) implements Comparable<DltDuration> {

    public static final DltDuration ZERO = new DltDuration(0);

    /** Bare digits mean seconds, as in Taurus. */
    private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private static final String RULE = "a whole number followed by ms, s, m, h or d (such as 30s or 5m), "
            + "at most 3600000ms, 3600s, 1440m, 168h or 30d";

    public DltDuration {
        if (millis < 0) {
            throw new IllegalArgumentException("a duration cannot be negative, got " + millis + "ms");
        }
    }

    public static DltDuration ofMillis(long millis) {
        return new DltDuration(millis);
    }

    public static DltDuration ofSeconds(long seconds) {
        return new DltDuration(Math.multiplyExact(seconds, 1000L));
    }

    /**
     * Parses DLT duration text.
     *
     * @throws IllegalArgumentException naming the rule when the text is not a duration DLT allows
     */
    public static DltDuration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a duration is required: " + RULE);
        }
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is not a duration: use " + RULE);
        }
        Unit unit = Unit.fromSuffix(matcher.group(2));
        String digits = matcher.group(1);
        // More than 10 digits cannot be within any unit's limit, and would overflow a long.
        long amount = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (amount > unit.maximum) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is too long: at most "
                    + unit.maximum + unit.suffix + " (" + RULE + ")");
        }
        return new DltDuration(amount * unit.millis);
    }

    public long toMillis() {
        return millis;
    }

    /** Whole seconds, rounded down. */
    public long toSeconds() {
        return millis / 1000L;
    }

    public Duration toJava() {
        return Duration.ofMillis(millis);
    }

    public DltDuration plus(DltDuration other) {
        return new DltDuration(Math.addExact(millis, other.millis));
    }

    public boolean isZero() {
        return millis == 0;
    }

    @Override
    public int compareTo(DltDuration other) {
        return Long.compare(millis, other.millis);
    }

    /** The canonical text, in the largest unit that divides it exactly; {@code parse} reads it back. */
    @Override
    public String toString() {
        if (millis == 0) {
            return "0s";
        }
        for (Unit unit : Unit.LARGEST_FIRST) {
            if (millis % unit.millis == 0) {
                return (millis / unit.millis) + unit.suffix;
            }
        }
        throw new IllegalStateException("unreachable: every duration is a whole number of milliseconds");
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private enum Unit {
        DAYS("d", 86_400_000L, 30),
        HOURS("h", 3_600_000L, 168),
        MINUTES("m", 60_000L, 1440),
        SECONDS("s", 1000L, 3600),
        MILLISECONDS("ms", 1L, 3_600_000);

        static final Unit[] LARGEST_FIRST = values();

        final String suffix;
        final long millis;
        final long maximum;

        Unit(String suffix, long millis, long maximum) {
            this.suffix = suffix;
            this.millis = millis;
            this.maximum = maximum;
        }

        static Unit fromSuffix(String suffix) {
            if (suffix == null) {
                return SECONDS;
            }
            for (Unit unit : values()) {
                if (unit.suffix.equals(suffix)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException("unknown duration unit " + suffix);
        }
    }
}
