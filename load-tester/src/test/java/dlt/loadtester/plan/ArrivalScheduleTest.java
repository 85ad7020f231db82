package dlt.loadtester.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void arrivalOffsetNanos_constantRate_evenlySpaced() {
        ArrivalSchedule s = ArrivalSchedule.rampThenHold(100, 0, 2 * SECOND);

        assertThat(s.totalArrivals()).isEqualTo(200);
        for (long k = 0; k < 200; k++) {
            assertThat(s.arrivalOffsetNanos(k)).as("arrival %d", k).isCloseTo(k * 10_000_000L, org.assertj.core.data.Offset.offset(1L));
        }
    }

    @Test
    void arrivalOffsetNanos_linearRampFromZero_firstHalfHoldsAQuarter() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(new ArrivalSchedule.Segment(10 * SECOND, 0, 200)));

        assertThat(s.totalArrivals()).isEqualTo(1000);
        long inFirstHalf = countBefore(s, 5 * SECOND);
        assertThat(inFirstHalf).isBetween(249L, 251L);
        assertThat(countBefore(s, SECOND)).isBetween(9L, 11L);
    }

    @Test
    void arrivalOffsetNanos_rampThenHold_followsTheIntegral() {
        ArrivalSchedule s = ArrivalSchedule.rampThenHold(50, 2 * SECOND, 3 * SECOND);

        assertThat(s.durationNanos()).isEqualTo(5 * SECOND);
        assertThat(s.totalArrivals()).isEqualTo(50 + 150);
        assertThat(countBefore(s, 2 * SECOND)).isBetween(49L, 51L);
        assertThat(countBefore(s, 3 * SECOND)).isBetween(99L, 101L);
    }

    @Test
    void arrivalOffsetNanos_everyArrival_inOrderAndInsideTheSchedule() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(
                new ArrivalSchedule.Segment(2 * SECOND, 10, 100),
                new ArrivalSchedule.Segment(3 * SECOND, 100, 0),
                new ArrivalSchedule.Segment(SECOND, 0, 0),
                new ArrivalSchedule.Segment(2 * SECOND, 0, 30)));

        long previous = -1;
        for (long k = 0; k < s.totalArrivals(); k++) {
            long t = s.arrivalOffsetNanos(k);
            assertThat(t).as("arrival %d", k).isGreaterThanOrEqualTo(previous).isLessThan(s.durationNanos());
            previous = t;
        }
    }

    @Test
    void arrivalOffsetNanos_pauseBetweenStages_noArrivalsDuringThePause() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(
                new ArrivalSchedule.Segment(SECOND, 20, 20),
                new ArrivalSchedule.Segment(2 * SECOND, 0, 0),
                new ArrivalSchedule.Segment(SECOND, 20, 20)));

        assertThat(s.totalArrivals()).isEqualTo(40);
        assertThat(countBefore(s, 3 * SECOND) - countBefore(s, SECOND)).isEqualTo(0);
        assertThat(s.arrivalOffsetNanos(20)).isEqualTo(3 * SECOND);
    }

    @Test
    void totalArrivals_stages_sumOfEachStageArea() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(
                new ArrivalSchedule.Segment(10 * SECOND, 0, 10),
                new ArrivalSchedule.Segment(5 * SECOND, 10, 10),
                new ArrivalSchedule.Segment(4 * SECOND, 10, 0)));

        assertThat(s.totalArrivals()).isEqualTo(50 + 50 + 20);
        assertThat(s.peakRate()).isEqualTo(10);
        assertThat(s.rateAt(5 * SECOND)).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.rateAt(19 * SECOND)).isZero();
    }

    @Test
    void arrivalOffsetNanos_beforeFirstOrPastLast_minusOne() {
        ArrivalSchedule s = ArrivalSchedule.rampThenHold(10, 0, SECOND);

        assertThat(s.arrivalOffsetNanos(-1)).isEqualTo(-1);
        assertThat(s.arrivalOffsetNanos(s.totalArrivals())).isEqualTo(-1);
        assertThat(s.arrivalOffsetNanos(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(s.arrivalOffsetNanos(s.totalArrivals() - 1)).isEqualTo(900_000_000L);
    }

    @Test
    void segment_negativeRateOrZeroDuration_refused() {
        assertThatThrownBy(() -> new ArrivalSchedule.Segment(SECOND, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrivalSchedule.Segment(0, 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrivalSchedule(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static long countBefore(ArrivalSchedule s, long offsetNanos) {
        long n = 0;
        for (long k = 0; k < s.totalArrivals(); k++) if (s.arrivalOffsetNanos(k) < offsetNanos) n++;
        return n;
    }
}
