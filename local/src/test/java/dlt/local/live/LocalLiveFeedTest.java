package dlt.local.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.live.LiveLine;
import dlt.core.port.memory.RecordingLivePublisher;
import dlt.core.result.Histograms;
import dlt.livedata.LiveDataHandler;
import dlt.livedata.LiveDataSettings;
import dlt.livedata.PublishLiveData;
import dlt.local.tasks.WorkerLine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LocalLiveFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingLivePublisher publisher = new RecordingLivePublisher();
    private final LiveDataHandler handler = new LiveDataHandler(
            new PublishLiveData(publisher, LiveDataSettings.of(URI.create("http://127.0.0.1:1"))));

    @Test
    void accept_linesOfTwoRegionsAndTasks_oneMergedPointPerRegionAndSecond() throws Exception {
        try (LocalLiveFeed feed = new LocalLiveFeed(handler, Duration.ofHours(1), Clock.systemUTC())) {
            feed.accept(new WorkerLine("us-east-1", "t1", line("us-east-1", "t1", 10)));
            feed.accept(new WorkerLine("us-east-1", "t2", line("us-east-1", "t2", 5)));
            feed.accept(new WorkerLine("eu-west-1", "t3", line("eu-west-1", "t3", 7)));
            feed.accept(new WorkerLine("us-east-1", "t1", "Exception in thread \"main\" java.lang.Error"));

            feed.flush();
        }

        assertThat(publisher.messages()).hasSize(2);
        JsonNode east = JSON.readTree(publisher.messages().get(0).payload()).path("us-east-1").get(0);
        assertThat(east.path("succ").asLong()).isEqualTo(15);
        assertThat(east.path("tasks").asInt()).isEqualTo(2);
        JsonNode west = JSON.readTree(publisher.messages().get(1).payload()).path("eu-west-1").get(0);
        assertThat(west.path("succ").asLong()).isEqualTo(7);
    }

    @Test
    void close_linesPending_deliversThem() {
        LocalLiveFeed feed = new LocalLiveFeed(handler, Duration.ofHours(1), Clock.systemUTC());
        feed.accept(new WorkerLine("us-east-1", "t1", line("us-east-1", "t1", 3)));

        feed.close();
        feed.accept(new WorkerLine("us-east-1", "t1", line("us-east-1", "t1", 4)));

        assertThat(publisher.messages()).hasSize(1);
    }

    @Test
    void accept_everyInterval_deliveredWithoutFlushing() throws Exception {
        try (LocalLiveFeed feed = new LocalLiveFeed(handler, Duration.ofMillis(50), Clock.systemUTC())) {
            feed.accept(new WorkerLine("us-east-1", "t1", line("us-east-1", "t1", 3)));

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (publisher.messages().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(publisher.messages()).hasSize(1);
    }

    private static String line(String region, String task, int ok) {
        Histogram hist = Histograms.newCoarse();
        for (int i = 0; i < ok; i++) {
            Histograms.record(hist, 1000 + i);
        }
        return new LiveLine("Feed1", "run1", region, task, 1_767_225_600L, 2, ok, 0, 100, hist).toJson();
    }
}
