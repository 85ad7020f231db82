package dlt.core.schedule;

import dlt.core.time.DltDuration;
import dlt.core.validation.Violations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The schedule rules that depend on now and on the test: a one-time run at least a minute ahead, a
 * recurring schedule that still has a run before it expires, and runs that do not overlap the test's
 * own duration (a run still going when the next starts would be refused at that time, silently to
 * whoever set the schedule up: DLT users saw exactly that).
 */
public final class ScheduleTiming {

    /** Times have minute precision; a run due sooner could fire before its schedule exists. */
    public static final Duration MINIMUM_LEAD = Duration.ofMinutes(1);

    /** How many upcoming runs are compared for overlap: enough for a year of hourly runs' patterns. */
    private static final int RUNS_COMPARED = 1_000;

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private ScheduleTiming() {
    }

    public static void check(RunSchedule schedule, Instant now, Duration testDuration, Violations violations) {
        switch (schedule) {
            case RunSchedule.Once once -> checkOnce(once, now, violations);
            case RunSchedule.Repeating repeating -> checkRecurring(schedule, now, testDuration, "recurrence", violations);
            case RunSchedule.Cron cron -> checkRecurring(schedule, now, testDuration, "cronValue", violations);
        }
    }

    private static void checkOnce(RunSchedule.Once once, Instant now, Violations violations) {
        Optional<Instant> at = once.instant();
        if (at.isEmpty()) {
            violations.add("scheduleTime", "a time that exists", once.at().toLocalTime() + " does not exist on "
                    + once.at().toLocalDate() + " in " + once.zone() + " (the clocks go forward then); pick another time");
            return;
        }
        if (at.get().isBefore(now.plus(MINIMUM_LEAD))) {
            String when = at.get().isAfter(now) ? "is less than a minute ahead" : "is in the past";
            violations.add("scheduleDate", "at least one minute ahead", "with scheduleTime, "
                    + show(at.get(), once) + " " + when + " (it is " + show(now, once) + " now)");
        }
    }

    private static void checkRecurring(RunSchedule schedule, Instant now, Duration testDuration, String field,
            Violations violations) {
        List<Instant> runs = schedule.runsAfter(now, RUNS_COMPARED);
        if (runs.isEmpty()) {
            if (schedule.expiry().isPresent() && !neverRuns(schedule)) {
                violations.add("cronExpiryDate", "after the next run", "is " + schedule.expiry().get()
                        + ", before the schedule's next run" + nextIgnoringExpiry(schedule, now)
                        + "; the schedule would never run");
            } else {
                violations.add(field, "a date that exists", "never matches a calendar date");
            }
            return;
        }
        Duration shortest = null;
        for (int i = 1; i < runs.size(); i++) {
            Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
            if (shortest == null || gap.compareTo(shortest) < 0) {
                shortest = gap;
            }
        }
        if (shortest != null && testDuration.compareTo(shortest) > 0) {
            violations.add(field, "runs further apart than the test lasts", "starts runs as little as "
                    + DltDuration.ofMillis(shortest.toMillis()) + " apart, but the test lasts " + DltDuration.ofMillis(testDuration.toMillis())
                    + " (ramp-up + hold-for): a run would still be going when the next one is due");
        }
    }

    private static boolean neverRuns(RunSchedule schedule) {
        return withoutExpiry(schedule).nextAfter(Instant.EPOCH).isEmpty();
    }

    private static String nextIgnoringExpiry(RunSchedule schedule, Instant now) {
        return withoutExpiry(schedule).nextAfter(now).map(run -> " (" + show(run, schedule) + ")").orElse("");
    }

    private static RunSchedule withoutExpiry(RunSchedule schedule) {
        return switch (schedule) {
            case RunSchedule.Once once -> once;
            case RunSchedule.Repeating r -> new RunSchedule.Repeating(r.recurrence(), r.first(), r.zone(), Optional.empty());
            case RunSchedule.Cron c -> new RunSchedule.Cron(c.expression(), c.zone(), Optional.empty());
        };
    }

    private static String show(Instant instant, RunSchedule schedule) {
        return SHOWN.format(ZonedDateTime.ofInstant(instant, schedule.zone()));
    }
}
