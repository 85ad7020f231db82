package dlt.core.scenario;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scheduling fields, which sit at the top level of the body. Only their formats are checked
 * here; whether a time is far enough ahead depends on the clock and belongs to the scheduler.
 */
final class ScheduleRules {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/#-]+");
    private static final Set<String> RECURRENCES = Set.of("daily", "weekly", "biweekly", "monthly");

    private ScheduleRules() {
    }

    /** The schedule, or null when no scheduling field is given. */
    static Schedule read(FieldReader fields) {
        String date = presentText(fields, "scheduleDate");
        String time = presentText(fields, "scheduleTime");
        String recurrence = presentText(fields, "recurrence");
        String cron = presentText(fields, "cronValue");
        String cronExpiry = presentText(fields, "cronExpiryDate");
        String timezone = presentText(fields, "scheduleTimezone");
        if (date == null && time == null && recurrence == null && cron == null && cronExpiry == null
                && timezone == null) {
            return null;
        }
        checkDate(fields, "scheduleDate", date);
        checkDate(fields, "cronExpiryDate", cronExpiry);
        if (time != null && !(TIME.matcher(time).matches() && parsesAsTime(time))) {
            fields.violation("scheduleTime", "time HH:MM[:SS]", "must be a time of day such as 14:30 or 14:30:00");
        }
        if (recurrence != null && !RECURRENCES.contains(recurrence)) {
            fields.violation("recurrence", "one of daily|weekly|biweekly|monthly",
                    "must be daily, weekly, biweekly or monthly");
        }
        if (cron != null && !isFiveFieldCron(cron)) {
            fields.violation("cronValue", "cron (5 fields)",
                    "must be a cron expression of 5 fields: minute hour day-of-month month day-of-week");
        }
        if (timezone != null && !isZone(timezone)) {
            fields.violation("scheduleTimezone", "time zone", "must be a time zone such as UTC or Europe/Paris");
        }
        return new Schedule(date, time, recurrence, cron, cronExpiry, timezone);
    }

    /** DLT v3's console sends "" for the scheduling fields it does not use. */
    private static String presentText(FieldReader fields, String key) {
        String text = fields.string(key);
        return text == null || text.isEmpty() ? null : text;
    }

    private static void checkDate(FieldReader fields, String key, String date) {
        if (date != null && !(DATE.matcher(date).matches() && parsesAsDate(date))) {
            fields.violation(key, "date YYYY-MM-DD", "must be a calendar date such as 2026-03-31");
        }
    }

    private static boolean parsesAsDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean parsesAsTime(String text) {
        try {
            LocalTime.parse(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isFiveFieldCron(String cron) {
        String[] parts = cron.strip().split("\\s+");
        if (parts.length != 5) {
            return false;
        }
        for (String part : parts) {
            if (!CRON_FIELD.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZone(String zone) {
        if (zone.length() > 64) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
