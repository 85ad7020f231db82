package dlt.aws.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.schedule.CronExpression;
import dlt.core.schedule.Recurrence;
import dlt.core.schedule.RunSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerExpressionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // minute hour day-of-month month day-of-week
        "0 12 * * *          | cron(0 12 * * ? *)",
        "*/15 * * * *        | cron(0,15,30,45 * * * ? *)",
        "0 9-17 * * *        | cron(0 9-17 * * ? *)",
        "30 2 1,15 * *       | cron(30 2 1,15 * ? *)",
        "0 6 * JAN,JUL *     | cron(0 6 * 1,7 ? *)",
        // Sunday is 0 or 7 in Linux, 1 in EventBridge; Saturday 6 becomes 7
        "0 8 * * 0           | cron(0 8 ? * 1 *)",
        "0 8 * * 7           | cron(0 8 ? * 1 *)",
        "0 8 * * 1-5         | cron(0 8 ? * 2-6 *)",
        "0 8 * * MON-FRI     | cron(0 8 ? * 2-6 *)",
        "0 8 * * 5-7         | cron(0 8 ? * 1,6,7 *)",
        "0 8 * * */2         | cron(0 8 ? * 1,3,5,7 *)",
        "0 8 ? * 6           | cron(0 8 ? * 7 *)",
        // a step on a starred day-of-month still leaves day-of-week out (cron's "and"): EventBridge says the same
        "0 0 */2 * *         | cron(0 0 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31 * ? *)",
    })
    void oneExpressionWhenOneDayFieldIsOpen(String linux, String eventBridge) {
        assertThat(SchedulerExpressions.cron(CronExpression.parse(linux))).containsExactly(eventBridge);
    }

    @Test
    void bothDayFieldsRestrictedBecomeTwoSchedulesForCronsEitherRule() {
        // "on the 1st and on every Monday", which a single EventBridge expression cannot say (DLT sends one)
        assertThat(SchedulerExpressions.cron(CronExpression.parse("0 9 1 * 1")))
                .containsExactly("cron(0 9 1 * ? *)", "cron(0 9 ? * 2 *)");
    }

    @Test
    void aOneTimeRunIsAnAtExpressionInTheZoneThatDeletesItself() {
        List<SchedulerExpressions.Expression> expressions = SchedulerExpressions.of(
                new RunSchedule.Once(LocalDateTime.parse("2026-12-01T14:30"), PARIS), NOW);
        assertThat(expressions).containsExactly(
                new SchedulerExpressions.Expression("at(2026-12-01T14:30:00)", null, null, true));
    }

    @Test
    void recurrencesKeepTheirWallClockTimeAndStartAtTheFirstRun() {
        LocalDateTime first = LocalDateTime.parse("2026-12-03T07:45"); // a Thursday
        Instant start = Instant.parse("2026-12-03T06:44:00Z");
        assertThat(of(Recurrence.DAILY, first)).isEqualTo(new SchedulerExpressions.Expression("cron(45 7 * * ? *)", start, null, false));
        assertThat(of(Recurrence.WEEKLY, first).expression()).isEqualTo("cron(45 7 ? * 5 *)");
        assertThat(of(Recurrence.BIWEEKLY, first).expression()).as("weekly; the API skips the off weeks")
                .isEqualTo("cron(45 7 ? * 5 *)");
        assertThat(of(Recurrence.MONTHLY, first).expression()).isEqualTo("cron(45 7 3 * ? *)");
    }

    @Test
    void theExpiryDateEndsTheScheduleAtTheEndOfThatDayInTheZone() {
        List<SchedulerExpressions.Expression> expressions = SchedulerExpressions.of(new RunSchedule.Cron(
                CronExpression.parse("0 12 * * *"), PARIS, Optional.of(LocalDate.parse("2026-12-24"))), NOW);
        assertThat(expressions.get(0).endDate()).isEqualTo(Instant.parse("2026-12-24T23:00:00Z"));
    }

    @Test
    void aRecurrenceThatStartedInThePastHasNoStartDate() {
        assertThat(of(Recurrence.DAILY, LocalDateTime.parse("2026-01-01T07:00")).startDate()).isNull();
    }

    private static SchedulerExpressions.Expression of(Recurrence recurrence, LocalDateTime first) {
        return SchedulerExpressions.of(new RunSchedule.Repeating(recurrence, first, PARIS, Optional.empty()), NOW).get(0);
    }
}
