package dlt.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a scenario's runs start: once, on a recurrence from a first date, or on a cron expression;
 * always in a time zone, so "every day at 09:00 Europe/Paris" stays at 09:00 across daylight saving
 * changes. Wall-clock times the zone skips (spring forward) are skipped, and times it repeats (fall
 * back) run once, at the first of the two, which is what EventBridge Scheduler does too.
 */
public sealed interface RunSchedule permits RunSchedule.Once, RunSchedule.Repeating, RunSchedule.Cron {

    /** How far ahead a cron expression is searched: 28 years holds every day-of-week and leap-day combination. */
    int CRON_SEARCH_DAYS = 366 * 28;

    ZoneId zone();

    /** The first run strictly after {@code after}, if the schedule has one. */
    Optional<Instant> nextAfter(Instant after);

    /** The last day runs may start on (in the zone), or empty: recurring schedules only. */
    Optional<LocalDate> expiry();

    default boolean isRecurring() {
        return !(this instanceof Once);
    }

    /** Up to {@code limit} runs after {@code after}, in order. */
    default List<Instant> runsAfter(Instant after, int limit) {
        List<Instant> runs = new ArrayList<>();
        Instant cursor = after;
        while (runs.size() < limit) {
            Optional<Instant> next = nextAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            runs.add(next.get());
            cursor = next.get();
        }
        return runs;
    }

    /**
     * Whether a run was meant to start at {@code scheduledTime} (to the minute), as a scheduler that
     * fired claims: false for an edited schedule's stale firing and for a weekly firing in the off week
     * of a biweekly schedule.
     */
    default boolean runsAt(Instant scheduledTime) {
        Instant from = scheduledTime.minus(Duration.ofMinutes(1));
        return nextAfter(from).filter(run -> Duration.between(run, scheduledTime).abs().toSeconds() < 60).isPresent();
    }

    /** The instant a wall-clock time means in {@code zone}; empty in a daylight-saving gap. */
    static Optional<Instant> resolve(LocalDateTime time, ZoneId zone) {
        if (zone.getRules().getValidOffsets(time).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofLocal(time, zone, null).toInstant());
    }

    /** The instant runs stop: the start of the day after the expiry date, in the zone. */
    static Optional<Instant> end(Optional<LocalDate> expiry, ZoneId zone) {
        return expiry.map(day -> day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** One run at a wall-clock time. */
    record Once(LocalDateTime at, ZoneId zone) implements RunSchedule {
        public Once {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(zone, "zone");
        }

        /** The run's instant; empty when the zone skips that wall-clock time. */
        public Optional<Instant> instant() {
            return resolve(at, zone);
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return instant().filter(run -> run.isAfter(after));
        }

        @Override
        public Optional<LocalDate> expiry() {
            return Optional.empty();
        }
    }

    /** DLT's recurrences: from a first run, every day, week, two weeks or month at the same wall-clock time. */
    record Repeating(Recurrence recurrence, LocalDateTime first, ZoneId zone, Optional<LocalDate> expiry)
            implements RunSchedule {
        public Repeating {
            Objects.requireNonNull(recurrence, "recurrence");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(expiry, "expiry");
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            LocalDateTime afterLocal = LocalDateTime.ofInstant(after, zone);
            Optional<Instant> end = end(expiry, zone);
            long k = Math.max(0, stepsBefore(afterLocal) - 1);
            // a monthly run on the 31st skips shorter months; a run in a DST gap is skipped: a few more steps at most
            for (int tries = 0; tries < 64; tries++, k++) {
                Optional<LocalDateTime> candidate = occurrence(k);
                if (candidate.isEmpty()) {
                    continue;
                }
                Optional<Instant> run = resolve(candidate.get(), zone);
                if (run.isEmpty() || !run.get().isAfter(after)) {
                    continue;
                }
                if (end.isPresent() && !run.get().isBefore(end.get())) {
                    return Optional.empty();
                }
                return run;
            }
            return Optional.empty();
        }

        private long stepsBefore(LocalDateTime time) {
            if (!time.isAfter(first)) {
                return 0;
            }
            if (recurrence == Recurrence.MONTHLY) {
                return ChronoUnit.MONTHS.between(YearMonth.from(first), YearMonth.from(time));
            }
            return ChronoUnit.DAYS.between(first.toLocalDate(), time.toLocalDate()) / recurrence.days();
        }

        /** The k-th run's wall-clock time; empty for a monthly day the month lacks. */
        private Optional<LocalDateTime> occurrence(long k) {
            if (recurrence == Recurrence.MONTHLY) {
                YearMonth month = YearMonth.from(first).plusMonths(k);
                int day = first.getDayOfMonth();
                return day > month.lengthOfMonth() ? Optional.empty()
                        : Optional.of(month.atDay(day).atTime(first.toLocalTime()));
            }
            return Optional.of(first.plusDays(k * recurrence.days()));
        }
    }

    /** A Linux cron expression read in a zone. */
    record Cron(CronExpression expression, ZoneId zone, Optional<LocalDate> expiry) implements RunSchedule {
        public Cron {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(expiry, "expiry");
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            Optional<Instant> end = end(expiry, zone);
            // start a little before: in a fall-back hour the wall clock of "after" is ambiguous
            LocalDateTime cursor = LocalDateTime.ofInstant(after, zone).minusHours(3);
            for (int tries = 0; tries < 10_000; tries++) {
                Optional<LocalDateTime> next = expression.nextAfter(cursor, CRON_SEARCH_DAYS);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                cursor = next.get();
                Optional<Instant> run = resolve(cursor, zone);
                if (run.isEmpty() || !run.get().isAfter(after)) {
                    continue;
                }
                if (end.isPresent() && !run.get().isBefore(end.get())) {
                    return Optional.empty();
                }
                return run;
            }
            return Optional.empty();
        }
    }
}
