package dlt.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Linux cron expression of five fields ({@code minute hour day-of-month month day-of-week}), as
 * Vixie cron reads it: lists, ranges, steps, month and day names, Sunday as 0 or 7. When both
 * day fields are restricted a day matches if <em>either</em> matches (cron's rule, which EventBridge's
 * form cannot say in one expression); a day field that starts with {@code *} (or {@code ?}) does not
 * restrict, so {@code *}{@code /2} in day-of-month still combines with day-of-week by "and".
 */
public final class CronExpression {

    private final String text;
    private final Map<CronField, BitSet> values;
    private final boolean dayOfMonthStarred;
    private final boolean dayOfWeekStarred;

    private CronExpression(String text, Map<CronField, BitSet> values, boolean dayOfMonthStarred,
            boolean dayOfWeekStarred) {
        this.text = text;
        this.values = values;
        this.dayOfMonthStarred = dayOfMonthStarred;
        this.dayOfWeekStarred = dayOfWeekStarred;
    }

    /** @throws InvalidCronException naming the field that is wrong and why */
    public static CronExpression parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
        if (parts.length != 5 || parts[0].isEmpty()) {
            String hint = parts.length == 6
                    ? "; this looks like EventBridge's 6-field form: drop the year field and use * for ? "
                    : "";
            throw new InvalidCronException(null, "must have 5 fields: minute hour day-of-month month day-of-week"
                    + " (found " + (parts.length == 1 && parts[0].isEmpty() ? 0 : parts.length) + ")" + hint);
        }
        Map<CronField, BitSet> values = new EnumMap<>(CronField.class);
        CronField[] fields = CronField.values();
        for (int i = 0; i < fields.length; i++) {
            values.put(fields[i], parseField(fields[i], parts[i]));
        }
        BitSet days = values.get(CronField.DAY_OF_WEEK);
        if (days.get(7)) {
            days.clear(7);
            days.set(0);
        }
        return new CronExpression(String.join(" ", parts), values, starred(parts[2]), starred(parts[4]));
    }

    private static boolean starred(String field) {
        return field.startsWith("*") || field.startsWith("?");
    }

    private static BitSet parseField(CronField field, String text) {
        BitSet set = new BitSet();
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw new InvalidCronException(field, "has an empty list item in '" + text + "'");
            }
            addItem(field, item, set);
        }
        return set;
    }

    private static void addItem(CronField field, String item, BitSet set) {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(field, item.substring(slash + 1), "step");
            if (step < 1) {
                throw new InvalidCronException(field, "has step 0 in '" + item + "'; a step must be at least 1");
            }
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            if (range.equals("?") && field != CronField.DAY_OF_MONTH && field != CronField.DAY_OF_WEEK) {
                throw new InvalidCronException(field, "cannot be ?; only the day fields can");
            }
            from = field.min();
            to = field == CronField.DAY_OF_WEEK ? 6 : field.max();
        } else {
            int dash = range.indexOf('-', 1);
            if (dash >= 0) {
                from = value(field, range.substring(0, dash));
                to = value(field, range.substring(dash + 1));
                if (to < from) {
                    throw new InvalidCronException(field, "has range " + range + " that goes backwards");
                }
            } else {
                from = value(field, range);
                // "5/15" means from 5 to the end in steps of 15, as most crons read it
                to = slash >= 0 ? (field == CronField.DAY_OF_WEEK ? 6 : field.max()) : from;
            }
        }
        for (int v = from; v <= to; v += step) {
            set.set(v);
        }
    }

    private static int value(CronField field, String text) {
        int named = field.valueOfName(text);
        if (named >= 0) {
            return named;
        }
        int v = number(field, text, "value");
        if (v < field.min() || v > field.max()) {
            throw new InvalidCronException(field, "has " + v + ", out of range " + field.range()
                    + (field == CronField.DAY_OF_WEEK ? " (0 and 7 are Sunday)" : ""));
        }
        return v;
    }

    private static int number(CronField field, String text, String what) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw new InvalidCronException(field, "has '" + text + "', which is not a " + what
                    + " (allowed: " + field.range() + ", *, lists a,b, ranges a-b and steps /n)");
        }
        return Integer.parseInt(text);
    }

    /** The expression as given, fields separated by one space. */
    public String text() {
        return text;
    }

    /** The values a field matches (day-of-week 0 to 6, Sunday 0). */
    public BitSet values(CronField field) {
        return (BitSet) values.get(field).clone();
    }

    /** Whether the field is left open ({@code *} or {@code ?} first), which matters only for the two day fields. */
    public boolean isStarred(CronField field) {
        return switch (field) {
            case DAY_OF_MONTH -> dayOfMonthStarred;
            case DAY_OF_WEEK -> dayOfWeekStarred;
            default -> values.get(field).cardinality() == field.max() - field.min() + 1;
        };
    }

    public boolean matchesDay(LocalDate date) {
        if (!values.get(CronField.MONTH).get(date.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = values.get(CronField.DAY_OF_MONTH).get(date.getDayOfMonth());
        boolean dayOfWeek = values.get(CronField.DAY_OF_WEEK).get(sundayZero(date.getDayOfWeek()));
        if (!dayOfMonthStarred && !dayOfWeekStarred) {
            return dayOfMonth || dayOfWeek;
        }
        return dayOfMonth && dayOfWeek;
    }

    public boolean matches(LocalDateTime time) {
        return matchesDay(time.toLocalDate()) && values.get(CronField.HOUR).get(time.getHour())
                && values.get(CronField.MINUTE).get(time.getMinute());
    }

    /** The first matching wall-clock minute after {@code after}, looking at most {@code maxDays} days ahead. */
    public Optional<LocalDateTime> nextAfter(LocalDateTime after, int maxDays) {
        LocalDateTime start = after.withSecond(0).withNano(0).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        BitSet hours = values.get(CronField.HOUR);
        BitSet minutes = values.get(CronField.MINUTE);
        for (int d = 0; d <= maxDays; d++, day = day.plusDays(1)) {
            if (!matchesDay(day)) {
                continue;
            }
            boolean firstDay = day.equals(start.toLocalDate());
            for (int h = hours.nextSetBit(firstDay ? start.getHour() : 0); h >= 0; h = hours.nextSetBit(h + 1)) {
                int fromMinute = firstDay && h == start.getHour() ? start.getMinute() : 0;
                int m = minutes.nextSetBit(fromMinute);
                if (m >= 0) {
                    return Optional.of(day.atTime(h, m));
                }
            }
        }
        return Optional.empty();
    }

    static int sundayZero(DayOfWeek day) {
        return day.getValue() % 7;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
