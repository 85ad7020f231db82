package dlt.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.scenario.Schedule;
import dlt.core.validation.Violation;
import dlt.core.validation.Violations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static RunSchedule read(Schedule schedule, Violations violations) {
        return ScheduleReader.read(schedule, violations);
    }

    private static List<Violation> problems(Schedule schedule, Duration testDuration) {
        Violations violations = new Violations();
        RunSchedule read = read(schedule, violations);
        if (read != null) {
            ScheduleTiming.check(read, NOW, testDuration, violations);
        }
        return violations.list();
    }

    @Test
    void aDateAndTimeAloneRunOnceInUtcByDefault() {
        RunSchedule schedule = read(new Schedule("2026-11-24", "14:30", null, null, null, null), new Violations());
        assertThat(schedule).isEqualTo(new RunSchedule.Once(LocalDateTime.parse("2026-11-24T14:30"), ZoneOffset.UTC));
    }

    @Test
    void cronWinsOverRecurrence() {
        RunSchedule schedule = read(new Schedule("2026-11-24", "14:30", "daily", "0 6 * * 1", null, "Asia/Tokyo"),
                new Violations());
        assertThat(schedule).isInstanceOf(RunSchedule.Cron.class);
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void eachKindNamesWhatItMisses() {
        assertThat(problems(new Schedule("2026-11-24", null, "weekly", null, null, null), Duration.ZERO))
                .extracting(Violation::field).containsExactly("scheduleTime");
        assertThat(problems(new Schedule(null, null, null, null, "2026-12-01", null), Duration.ZERO))
                .extracting(Violation::field).containsExactly("cronExpiryDate");
        assertThat(problems(new Schedule("2026-11-24", "10:00", null, null, "2026-12-01", null), Duration.ZERO))
                .extracting(Violation::message).containsExactly("applies to recurring schedules only; a run with "
                        + "scheduleDate and scheduleTime alone runs once");
        assertThat(problems(new Schedule("2026-11-24", "10:00:30", null, null, null, null), Duration.ZERO))
                .extracting(Violation::field).containsExactly("scheduleTime");
        assertThat(problems(new Schedule(null, null, null, "0 0 * * 9", null, null), Duration.ZERO))
                .extracting(Violation::message).first().asString().startsWith("the day-of-week field has 9");
    }

    @Test
    void aOneTimeRunMustBeAMinuteAhead() {
        assertThat(problems(new Schedule("2026-11-23", "09:59", null, null, null, null), Duration.ZERO))
                .extracting(Violation::message)
                .containsExactly("with scheduleTime, 2026-11-23 09:59 Z is in the past (it is 2026-11-23 10:00 Z now)");
        assertThat(problems(new Schedule("2026-11-23", "10:00", null, null, null, "Europe/Paris"), Duration.ZERO))
                .extracting(Violation::field).containsExactly("scheduleDate");
        assertThat(problems(new Schedule("2026-11-23", "11:01", null, null, null, "Europe/Paris"), Duration.ZERO))
                .isEmpty();
    }

    @Test
    void aOneTimeRunInTheSpringGapIsRefused() {
        assertThat(problems(new Schedule("2027-03-28", "02:30", null, null, null, "Europe/Paris"), Duration.ZERO))
                .extracting(Violation::message).containsExactly("02:30 does not exist on 2027-03-28 in Europe/Paris "
                        + "(the clocks go forward then); pick another time");
    }

    @Test
    void runsThatWouldOverlapTheTestAreRefusedWithTheReason() {
        assertThat(problems(new Schedule(null, null, null, "*/5 * * * *", null, null), Duration.ofMinutes(10)))
                .extracting(Violation::field, Violation::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "cronValue", "starts runs as little as 5m apart, but the test lasts 10m (ramp-up + hold-for): "
                                + "a run would still be going when the next one is due"));
        // minutes 0 and 50: the 10-minute gap, not the 50-minute one, is what counts
        assertThat(problems(new Schedule(null, null, null, "0,50 * * * *", null, null), Duration.ofMinutes(15)))
                .extracting(Violation::field).containsExactly("cronValue");
        assertThat(problems(new Schedule("2026-11-24", "09:00", "daily", null, null, null), Duration.ofHours(25)))
                .extracting(Violation::field).containsExactly("recurrence");
        assertThat(problems(new Schedule(null, null, null, "*/5 * * * *", null, null), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void anExpiryBeforeTheNextRunIsRefused() {
        assertThat(problems(new Schedule("2026-12-01", "09:00", "weekly", null, "2026-11-30", null), Duration.ZERO))
                .extracting(Violation::field, Violation::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "cronExpiryDate", "is 2026-11-30, before the schedule's next run (2026-12-01 09:00 Z); "
                                + "the schedule would never run"));
        assertThat(problems(new Schedule(null, null, null, "0 0 31 2 *", null, null), Duration.ZERO))
                .extracting(Violation::message).containsExactly("never matches a calendar date");
    }

    @Test
    void aRecurrenceThatStartedInThePastGoesOn() {
        assertThat(problems(new Schedule("2026-01-05", "08:00", "weekly", null, null, null), Duration.ofMinutes(30)))
                .isEmpty();
    }
}
