package dlt.core.schedule;

import dlt.core.scenario.Schedule;
import dlt.core.validation.Violations;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads a scenario's schedule fields (their formats already checked by the scenario rules) into a
 * {@link RunSchedule}: which fields go together, and what each kind of schedule needs. Rules that
 * depend on the clock or the test's length are {@link ScheduleTiming}'s.
 */
public final class ScheduleReader {

    private ScheduleReader() {
    }

    /** The schedule the fields describe, or null when there is none; problems are added to {@code violations}. */
    public static RunSchedule read(Schedule fields, Violations violations) {
        if (fields == null) {
            return null;
        }
        ZoneId zone = fields.scheduleTimezone() == null ? ZoneOffset.UTC : ZoneId.of(fields.scheduleTimezone());
        if (fields.cronValue() != null) {
            // cronValue wins over recurrence, date and time (ARCHITECTURE 4, as DLT)
            try {
                return new RunSchedule.Cron(CronExpression.parse(fields.cronValue()), zone, expiry(fields));
            } catch (InvalidCronException e) {
                violations.add("cronValue", "cron (5 fields)", e.getMessage());
                return null;
            }
        }
        if (fields.scheduleDate() == null || fields.scheduleTime() == null) {
            if (fields.recurrence() != null || fields.scheduleDate() != null || fields.scheduleTime() != null) {
                String missing = fields.scheduleDate() == null ? "scheduleDate" : "scheduleTime";
                violations.add(missing, "required with a schedule",
                        "is required: a " + (fields.recurrence() != null ? fields.recurrence() + " schedule"
                                : "scheduled run") + " needs both scheduleDate and scheduleTime (its first run)");
            } else {
                String given = fields.cronExpiryDate() != null ? "cronExpiryDate" : "scheduleTimezone";
                violations.add(given, "only with a schedule",
                        "is given without a schedule: send scheduleDate and scheduleTime, with recurrence for "
                                + "repeated runs, or cronValue");
            }
            return null;
        }
        LocalTime time = LocalTime.parse(fields.scheduleTime());
        if (time.getSecond() != 0 || time.getNano() != 0) {
            violations.add("scheduleTime", "whole minutes", "must be a whole minute such as 14:30; schedules have"
                    + " minute precision");
            return null;
        }
        LocalDateTime first = LocalDate.parse(fields.scheduleDate()).atTime(time);
        if (fields.recurrence() == null) {
            if (fields.cronExpiryDate() != null) {
                violations.add("cronExpiryDate", "only with recurring schedules",
                        "applies to recurring schedules only; a run with scheduleDate and scheduleTime alone runs once");
                return null;
            }
            return new RunSchedule.Once(first, zone);
        }
        Recurrence recurrence = Recurrence.fromWire(fields.recurrence()).orElseThrow();
        return new RunSchedule.Repeating(recurrence, first, zone, expiry(fields));
    }

    private static Optional<LocalDate> expiry(Schedule fields) {
        return Optional.ofNullable(fields.cronExpiryDate()).map(LocalDate::parse);
    }
}
