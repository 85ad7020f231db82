package dlt.core.scenario;

/**
 * When a scenario runs later: once at a date and time, on a recurrence, or on a cron expression
 * until an expiry date. Every field may be null; only their formats are checked on input.
 */
public record Schedule(
        String scheduleDate,
        String scheduleTime,
        String recurrence,
        String cronValue,
        String cronExpiryDate,
        String scheduleTimezone) {
}
