package dlt.aws.scheduler;

import dlt.core.schedule.CronExpression;
import dlt.core.schedule.CronField;
import dlt.core.schedule.RunSchedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.time.format.DateTimeFormatter;

/**
 * A {@link RunSchedule} as EventBridge Scheduler expressions, one or two of them. EventBridge's cron has
 * six fields, numbers Sunday 1 to Saturday 7, and wants {@code ?} in one of the two day fields, so it
 * cannot say Linux cron's "this day of the month <em>or</em> this day of the week": that becomes two
 * schedules. Where EventBridge can only say more than is meant (a biweekly recurrence, both day fields
 * starred with steps), it fires on a superset and the API starts only the runs the schedule really has
 * ({@link RunSchedule#runsAt}).
 */
public final class SchedulerExpressions {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private SchedulerExpressions() {
    }

    /**
     * One EventBridge schedule: its expression, evaluated in the schedule's zone, and the window it may fire
     * in ({@code startDate}, {@code endDate}, either null).
     */
    public record Expression(String expression, Instant startDate, Instant endDate, boolean oneTime) {
    }

    public static List<Expression> of(RunSchedule schedule, Instant now) {
        Instant end = schedule.expiry().map(day -> day.plusDays(1).atStartOfDay(schedule.zone()).toInstant())
                .orElse(null);
        return switch (schedule) {
            case RunSchedule.Once once -> List.of(new Expression("at(" + AT.format(once.at()) + ")", null, null, true));
            case RunSchedule.Repeating repeating -> List.of(new Expression(recurrence(repeating),
                    startDate(repeating, now), end, false));
            case RunSchedule.Cron cron -> cron(cron.expression()).stream()
                    .map(expression -> new Expression(expression, null, end, false)).toList();
        };
    }

    private static String recurrence(RunSchedule.Repeating repeating) {
        LocalDateTime first = repeating.first();
        String time = first.getMinute() + " " + first.getHour() + " ";
        return switch (repeating.recurrence()) {
            case DAILY -> "cron(" + time + "* * ? *)";
            // biweekly fires weekly; the off weeks start nothing
            case WEEKLY, BIWEEKLY -> "cron(" + time + "? * " + (first.getDayOfWeek().getValue() % 7 + 1) + " *)";
            case MONTHLY -> "cron(" + time + first.getDayOfMonth() + " * ? *)";
        };
    }

    /** The first run bounds the schedule, unless it is past: EventBridge wants no start date in the past. */
    private static Instant startDate(RunSchedule.Repeating repeating, Instant now) {
        Instant first = ZonedDateTime.ofLocal(repeating.first(), repeating.zone(), null).toInstant().minusSeconds(60);
        return first.isAfter(now) ? first : null;
    }

    /** The EventBridge form of a Linux cron expression: one expression, or two for "day of month or day of week". */
    public static List<String> cron(CronExpression cron) {
        String minutes = list(cron.values(CronField.MINUTE), 0, 59, 0);
        String hours = list(cron.values(CronField.HOUR), 0, 23, 0);
        String months = list(cron.values(CronField.MONTH), 1, 12, 0);
        BitSet daysOfMonth = cron.values(CronField.DAY_OF_MONTH);
        BitSet daysOfWeek = cron.values(CronField.DAY_OF_WEEK);
        String dom = list(daysOfMonth, 1, 31, 0);
        // EventBridge: 1 = Sunday ... 7 = Saturday
        String dow = list(daysOfWeek, 0, 6, 1);
        boolean domOpen = cron.isStarred(CronField.DAY_OF_MONTH);
        boolean dowOpen = cron.isStarred(CronField.DAY_OF_WEEK);
        String prefix = "cron(" + minutes + " " + hours + " ";
        String suffix = " *)";
        List<String> expressions = new ArrayList<>();
        if (!domOpen && !dowOpen) {
            expressions.add(prefix + dom + " " + months + " ?" + suffix);
            expressions.add(prefix + "? " + months + " " + dow + suffix);
        } else if (!dowOpen || (domOpen && daysOfMonth.cardinality() == 31 && daysOfWeek.cardinality() < 7)) {
            expressions.add(prefix + "? " + months + " " + dow + suffix);
        } else {
            // day-of-month restricted, or both open (a step in both is a superset the API filters)
            expressions.add(prefix + dom + " " + months + " ?" + suffix);
        }
        return expressions;
    }

    /** A field's values as {@code *}, or a list of numbers and ranges, each shifted by {@code offset}. */
    static String list(BitSet values, int min, int max, int offset) {
        if (values.cardinality() == max - min + 1) {
            return "*";
        }
        List<String> parts = new ArrayList<>();
        for (int start = values.nextSetBit(min); start >= 0 && start <= max; ) {
            int end = start;
            while (end + 1 <= max && values.get(end + 1)) {
                end++;
            }
            if (end - start >= 2) {
                parts.add((start + offset) + "-" + (end + offset));
            } else {
                for (int v = start; v <= end; v++) {
                    parts.add(String.valueOf(v + offset));
                }
            }
            start = values.nextSetBit(end + 1);
        }
        return String.join(",", parts);
    }
}
