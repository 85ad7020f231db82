package dlt.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {

    private static BitSet bits(int... values) {
        BitSet set = new BitSet();
        IntStream.of(values).forEach(set::set);
        return set;
    }

    @ParameterizedTest(name = "{0} field {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "*/15 * * * *      | MINUTE       | 0 15 30 45",
        "5-20/5 * * * *    | MINUTE       | 5 10 15 20",
        "7/20 * * * *      | MINUTE       | 7 27 47",
        "0 8-10,14 * * *   | HOUR         | 8 9 10 14",
        "0 0 1,15,31 * *   | DAY_OF_MONTH | 1 15 31",
        "0 0 * JAN-MAR *   | MONTH        | 1 2 3",
        "0 0 * jul,dec *   | MONTH        | 7 12",
        "0 0 * * MON-FRI   | DAY_OF_WEEK  | 1 2 3 4 5",
        "0 0 * * 7         | DAY_OF_WEEK  | 0",
        "0 0 * * 5-7       | DAY_OF_WEEK  | 0 5 6",
        "0 0 * * */2       | DAY_OF_WEEK  | 0 2 4 6",
        "0 0 * * sun,sat   | DAY_OF_WEEK  | 0 6",
        "0 0 ? * 1         | DAY_OF_MONTH | 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31",
    })
    void readsListsRangesStepsAndNames(String cron, CronField field, String expected) {
        int[] values = java.util.Arrays.stream(expected.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(CronExpression.parse(cron).values(field)).isEqualTo(bits(values));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "60 * * * *        | the minute field has 60, out of range 0-59",
        "0 24 * * *        | the hour field has 24, out of range 0-23",
        "0 0 0 * *         | the day-of-month field has 0, out of range 1-31",
        "0 0 * 13 *        | the month field has 13, out of range 1-12 or JAN-DEC",
        "0 0 * * 8         | the day-of-week field has 8, out of range 0-7 or SUN-SAT (0 and 7 are Sunday)",
        "0 0 * * FUN       | the day-of-week field has 'FUN', which is not a value",
        "*/0 * * * *       | the minute field has step 0",
        "0 10-8 * * *      | the hour field has range 10-8 that goes backwards",
        "0 ? * * *         | the hour field cannot be ?",
        "0 0 1,,2 * *      | the day-of-month field has an empty list item",
        "0 0 * * * 2026    | must have 5 fields: minute hour day-of-month month day-of-week (found 6); this looks like EventBridge's",
        "0 0 * *           | must have 5 fields",
    })
    void refusesWithTheFieldAndTheRule(String cron, String message) {
        assertThatThrownBy(() -> CronExpression.parse(cron)).isInstanceOf(InvalidCronException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void bothDayFieldsRestrictedMatchEitherAsLinuxCronDoes() {
        // "at midnight on the 13th and on every Friday", not "on Friday the 13th"
        CronExpression cron = CronExpression.parse("0 0 13 * 5");
        assertThat(cron.matchesDay(LocalDate.of(2026, 11, 13))).isTrue(); // a Friday the 13th
        assertThat(cron.matchesDay(LocalDate.of(2026, 11, 20))).isTrue(); // a Friday
        assertThat(cron.matchesDay(LocalDate.of(2026, 12, 13))).isTrue(); // a Sunday the 13th
        assertThat(cron.matchesDay(LocalDate.of(2026, 11, 21))).isFalse();
    }

    @Test
    void aStarredDayFieldCombinesByAndEvenWithAStep() {
        CronExpression cron = CronExpression.parse("0 0 */2 * 1"); // odd days of month that are Mondays
        assertThat(cron.matchesDay(LocalDate.of(2026, 11, 23))).isTrue();  // Monday the 23rd
        assertThat(cron.matchesDay(LocalDate.of(2026, 11, 30))).isFalse(); // Monday the 30th
        assertThat(cron.matchesDay(LocalDate.of(2026, 11, 25))).isFalse(); // Wednesday the 25th
    }

    @Test
    void findsTheNextMatchingMinute() {
        CronExpression cron = CronExpression.parse("30 9 * * MON-FRI");
        assertThat(cron.nextAfter(LocalDateTime.of(2026, 11, 20, 9, 30), 400))   // Friday 09:30 itself excluded
                .contains(LocalDateTime.of(2026, 11, 23, 9, 30));                // Monday
        assertThat(CronExpression.parse("*/10 * * * *").nextAfter(LocalDateTime.of(2026, 1, 1, 23, 55, 12), 2))
                .contains(LocalDateTime.of(2026, 1, 2, 0, 0));
    }

    @Test
    void aDateThatNeverComesIsNotFound() {
        assertThat(CronExpression.parse("0 0 30 2 *").nextAfter(LocalDateTime.of(2026, 1, 1, 0, 0), 366 * 28)).isEmpty();
        assertThat(CronExpression.parse("0 0 29 2 *").nextAfter(LocalDateTime.of(2026, 1, 1, 0, 0), 366 * 28))
                .contains(LocalDateTime.of(2028, 2, 29, 0, 0));
    }
}
