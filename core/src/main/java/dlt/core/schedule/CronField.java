package dlt.core.schedule;

import java.util.List;

/** The five fields of a Linux (Vixie) cron expression, in order, with their ranges and names. */
public enum CronField {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    /** 0 to 7, where both 0 and 7 are Sunday, as Linux cron has it. */
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    public String label() {
        return label;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The number a name stands for ({@code MON} is 1, {@code FEB} is 2), or -1. */
    int valueOfName(String text) {
        int index = names.indexOf(text.toUpperCase(java.util.Locale.ROOT));
        if (index < 0) {
            return -1;
        }
        return this == MONTH ? index + 1 : index;
    }

    String range() {
        return min + "-" + max + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1));
    }
}
