package dlt.loadtester.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecondAggregatorTest {

    @Test
    void poll_loopNotStartedYet_nothingFinal() {
        SecondAggregator aggregator = new SecondAggregator(2, 1_000);
        aggregator.loopReachedSecond(0, 1_001, 3);

        List<SecondAggregator.Second> seconds = aggregator.poll();

        assertThat(seconds).isEmpty();
    }

    @Test
    void poll_everyLoopPastASecond_thatSecondEmittedOnceWithBothLoopsCounts() {
        SecondAggregator aggregator = new SecondAggregator(2, 1_000);
        aggregator.loopReachedSecond(0, 1_000, 1);
        aggregator.loopReachedSecond(1, 1_000, 1);
        aggregator.offer(bucket(0, 1_000, 5, 1));
        aggregator.offer(bucket(1, 1_000, 7, 0));
        aggregator.loopReachedSecond(0, 1_001, 1);

        assertThat(aggregator.poll()).isEmpty();

        aggregator.loopReachedSecond(1, 1_001, 1);
        List<SecondAggregator.Second> seconds = aggregator.poll();

        assertThat(seconds).hasSize(1);
        assertThat(seconds.getFirst().second()).isEqualTo(1_000);
        assertThat(seconds.getFirst().ok()).isEqualTo(12);
        assertThat(seconds.getFirst().fail()).isEqualTo(1);
        assertThat(seconds.getFirst().responseTime().getTotalCount()).isEqualTo(13);
        assertThat(aggregator.poll()).isEmpty();
    }

    @Test
    void poll_allLoopsDone_lastSecondsEmittedAndGapsFilled() {
        SecondAggregator aggregator = new SecondAggregator(1, 1_000);
        aggregator.offer(bucket(0, 1_000, 2, 0));
        aggregator.offer(bucket(0, 1_002, 3, 0));
        aggregator.loopDone(0);

        List<SecondAggregator.Second> seconds = aggregator.poll();

        assertThat(aggregator.allDone()).isTrue();
        assertThat(seconds).extracting(SecondAggregator.Second::second).containsExactly(1_000L, 1_001L, 1_002L);
        assertThat(seconds).extracting(SecondAggregator.Second::ok).containsExactly(2L, 0L, 3L);
    }

    private static SecondBucket bucket(int loop, long second, long ok, long fail) {
        SecondBucket b = new SecondBucket(loop, second);
        b.ok = ok;
        b.fail = fail;
        for (long i = 0; i < ok + fail; i++) dlt.core.result.Histograms.record(b.responseTime, 1_000);
        return b;
    }
}
