package dlt.loadtester.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.live.LiveLine;
import dlt.core.result.WorkerResult;
import dlt.loadtester.plan.LoadPlan;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SampleRecorderTest {

    @Test
    void record_fromManyThreads_everySampleInTheResultAndOnceInTheLiveLines() throws Exception {
        List<LiveLine> live = new CopyOnWriteArrayList<>();
        SampleRecorder recorder = SampleRecorder.start(LoadPlan.RunIdentity.standalone(), 0, new RunListener() {
            @Override
            public void onSecond(LiveLine second) {
                live.add(second);
            }
        }, Clock.systemUTC());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    recorder.record(id % 2 == 0 ? "even" : "odd", i % 10 == 0 ? 500 : 200,
                            i % 10 == 0 ? ErrorKind.HTTP_5XX : null, 10, 100, 1_000 + i, -1, -1);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();

        WorkerResult result = recorder.finish(true);

        assertThat(result.total().requests()).isEqualTo(2_000);
        assertThat(result.labels().get("even").requests()).isEqualTo(1_000);
        assertThat(result.total().failures()).isEqualTo(200);
        assertThat(result.total().errors()).containsEntry("http_5xx", 200L);
        assertThat(result.total().bytesReceived()).isEqualTo(200_000);
        assertThat(live.stream().mapToLong(l -> l.ok() + l.fail()).sum()).isEqualTo(2_000);
        assertThat(result.timeline().stream().mapToLong(p -> p.requests()).sum()).isEqualTo(2_000);
        assertThat(result.complete()).isTrue();
    }

    @Test
    void finish_measuredWindowStartsAtTheFirstSample() throws Exception {
        SampleRecorder recorder = SampleRecorder.start(LoadPlan.RunIdentity.standalone(), 0, RunListener.NONE, Clock.systemUTC());
        long before = System.currentTimeMillis();
        Thread.sleep(300); // a tool starting up: not part of the measured window
        recorder.record("a", 200, null, 0, 0, 1_000, -1, -1);

        WorkerResult result = recorder.finish(false);

        assertThat(result.measured().startEpochMs()).isGreaterThanOrEqualTo(before + 250);
        assertThat(result.complete()).isFalse();
    }
}
