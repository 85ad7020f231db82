package dlt.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static List<String> local(List<Instant> runs, ZoneId zone) {
        return runs.stream().map(run -> ZonedDateTime.ofInstant(run, zone).toOffsetDateTime().toString()).toList();
    }

    @Test
    void aDailyRunKeepsItsWallClockTimeAcrossTheSpringChangeInParis() {
        RunSchedule daily = new RunSchedule.Repeating(Recurrence.DAILY, LocalDateTime.parse("2026-03-27T09:00"), PARIS,
                Optional.empty());
        assertThat(local(daily.runsAfter(at("2026-03-26T12:00", PARIS), 3), PARIS)).containsExactly(
                "2026-03-27T09:00+01:00", "2026-03-28T09:00+01:00", "2026-03-29T09:00+02:00");
    }

    @Test
    void aTimeTheClocksSkipIsSkippedAndARepeatedTimeRunsOnce() {
        RunSchedule cron = new RunSchedule.Cron(CronExpression.parse("30 2 * * *"), NEW_YORK, Optional.empty());
        // 2026-03-08 02:30 does not exist in New York
        assertThat(local(cron.runsAfter(at("2026-03-07T03:00", NEW_YORK), 2), NEW_YORK))
                .containsExactly("2026-03-09T02:30-04:00", "2026-03-10T02:30-04:00");
        RunSchedule early = new RunSchedule.Cron(CronExpression.parse("30 1 * * *"), NEW_YORK, Optional.empty());
        // 2026-11-01 01:30 happens twice: one run, at the first
        assertThat(local(early.runsAfter(at("2026-10-31T12:00", NEW_YORK), 3), NEW_YORK))
                .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00", "2026-11-03T01:30-05:00");
    }

    @Test
    void everyHalfHourThroughTheFallBackHourRunsEachWallClockTimeOnce() {
        RunSchedule cron = new RunSchedule.Cron(CronExpression.parse("*/30 * * * *"), NEW_YORK, Optional.empty());
        assertThat(local(cron.runsAfter(at("2026-11-01T00:45", NEW_YORK), 4), NEW_YORK)).containsExactly(
                "2026-11-01T01:00-04:00", "2026-11-01T01:30-04:00", "2026-11-01T02:00-05:00", "2026-11-01T02:30-05:00");
    }

    @Test
    void theSouthernHemisphereChangesTheOtherWay() {
        RunSchedule weekly = new RunSchedule.Repeating(Recurrence.WEEKLY, LocalDateTime.parse("2026-09-28T08:00"), SYDNEY,
                Optional.empty());
        assertThat(local(weekly.runsAfter(at("2026-09-28T00:00", SYDNEY), 2), SYDNEY))
                .containsExactly("2026-09-28T08:00+10:00", "2026-10-05T08:00+11:00");
    }

    @Test
    void biweeklyRunsEverySecondWeekFromItsFirstDate() {
        RunSchedule biweekly = new RunSchedule.Repeating(Recurrence.BIWEEKLY, LocalDateTime.parse("2026-11-02T18:15"),
                PARIS, Optional.empty());
        assertThat(local(biweekly.runsAfter(at("2026-11-20T00:00", PARIS), 2), PARIS))
                .containsExactly("2026-11-30T18:15+01:00", "2026-12-14T18:15+01:00");
        assertThat(biweekly.runsAt(at("2026-11-30T18:15", PARIS))).isTrue();
        assertThat(biweekly.runsAt(at("2026-11-23T18:15", PARIS))).as("the off week").isFalse();
    }

    @Test
    void monthlyOnThe31stSkipsShorterMonthsAsCronDoes() {
        RunSchedule monthly = new RunSchedule.Repeating(Recurrence.MONTHLY, LocalDateTime.parse("2026-01-31T06:00"),
                ZoneId.of("UTC"), Optional.empty());
        assertThat(local(monthly.runsAfter(at("2026-01-01T00:00", ZoneId.of("UTC")), 4), ZoneId.of("UTC")))
                .containsExactly("2026-01-31T06:00Z", "2026-03-31T06:00Z", "2026-05-31T06:00Z", "2026-07-31T06:00Z");
    }

    @Test
    void runsStopAfterTheExpiryDateInTheSchedulesZone() {
        RunSchedule cron = new RunSchedule.Cron(CronExpression.parse("0 23 * * *"), SYDNEY,
                Optional.of(LocalDate.parse("2026-12-02")));
        assertThat(local(cron.runsAfter(at("2026-11-30T12:00", SYDNEY), 5), SYDNEY))
                .containsExactly("2026-11-30T23:00+11:00", "2026-12-01T23:00+11:00", "2026-12-02T23:00+11:00");
    }

    @Test
    void aOneTimeRunHappensOnceAndNotInAGap() {
        RunSchedule.Once once = new RunSchedule.Once(LocalDateTime.parse("2026-12-01T10:00"), PARIS);
        assertThat(once.nextAfter(at("2026-11-30T10:00", PARIS))).contains(at("2026-12-01T10:00", PARIS));
        assertThat(once.nextAfter(at("2026-12-01T10:00", PARIS))).isEmpty();
        assertThat(new RunSchedule.Once(LocalDateTime.parse("2027-03-28T02:30"), PARIS).instant()).isEmpty();
    }

    @Test
    void aStaleFiringIsNotARun() {
        RunSchedule cron = new RunSchedule.Cron(CronExpression.parse("0 9 * * *"), PARIS, Optional.empty());
        assertThat(cron.runsAt(at("2026-11-23T09:00", PARIS))).isTrue();
        assertThat(cron.runsAt(Instant.parse("2026-11-23T08:00:40Z"))).as("the same minute, EventBridge's precision").isTrue();
        assertThat(cron.runsAt(at("2026-11-23T10:00", PARIS))).isFalse();
    }
}
