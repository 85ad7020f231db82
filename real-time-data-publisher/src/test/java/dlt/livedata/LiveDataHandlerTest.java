package dlt.livedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.port.memory.RecordingLivePublisher;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveDataHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingLivePublisher publisher = new RecordingLivePublisher();
    private final LiveDataHandler handler = new LiveDataHandler(
            new PublishLiveData(publisher, LiveDataSettings.of(URI.create("http://127.0.0.1:1"))));

    @Test
    void handleRequest_twoTasksWithForeignLines_publishesOneMergedPointPerSecondInDltShape() throws Exception {
        PublishLiveData.Result result = handler.handle(load("live-two-tasks.json"));

        assertThat(result.liveLines()).isEqualTo(6);
        assertThat(result.lines()).isEqualTo(6 + 6 + LiveFixtures.foreignLines().size() - 6);
        assertThat(publisher.messages()).hasSize(1);
        assertThat(publisher.messages().getFirst().topic()).isEqualTo("dlt/" + LiveFixtures.TEST_ID);
        JsonNode message = JSON.readTree(publisher.messages().getFirst().payload());
        assertThat(message.properties()).extracting(Map.Entry::getKey).containsExactly("us-east-1");
        JsonNode points = message.path("us-east-1");
        assertThat(points).hasSize(3);
        for (int second = 0; second < 3; second++) {
            JsonNode point = points.get(second);
            assertThat(point.properties()).extracting(Map.Entry::getKey).containsExactly(
                    "testId", "vu", "succ", "fail", "avgRt", "timestamp", "rps", "p95Ms", "p99Ms", "tasks");
            long succ = 0;
            long fail = 0;
            for (int task = 0; task < 2; task++) {
                var line = LiveFixtures.line(LiveFixtures.TEST_ID, "us-east-1", task, second);
                succ += line.ok();
                fail += line.fail();
            }
            Histogram all = LiveFixtures.oneHistogram(2, second);
            assertThat(point.path("testId").asText()).isEqualTo(LiveFixtures.TEST_ID);
            assertThat(point.path("timestamp").asLong()).isEqualTo((LiveFixtures.FIRST_SECOND + second) * 1000);
            assertThat(point.path("vu").asLong()).isEqualTo(10 + 11);
            assertThat(point.path("succ").asLong()).isEqualTo(succ);
            assertThat(point.path("fail").asLong()).isEqualTo(fail);
            assertThat(point.path("rps").asLong()).isEqualTo(succ + fail);
            assertThat(point.path("tasks").asInt()).isEqualTo(2);
            assertThat(point.path("p95Ms").asDouble()).isEqualTo(all.getValueAtPercentile(95) / 1000.0);
            assertThat(point.path("p99Ms").asDouble()).isEqualTo(all.getValueAtPercentile(99) / 1000.0);
            assertThat(point.path("avgRt").asDouble()).isEqualTo(all.getMean() / 1_000_000.0);
        }
    }

    @Test
    void handleRequest_mergedPercentiles_differFromAveragedTaskPercentiles() throws Exception {
        handler.handleRequest(load("live-two-tasks.json"), null);

        JsonNode point = JSON.readTree(publisher.messages().getFirst().payload()).path("us-east-1").get(0);
        double averaged = (LiveFixtures.line("x", "r", 0, 0).hist().getValueAtPercentile(95)
                + LiveFixtures.line("x", "r", 1, 0).hist().getValueAtPercentile(95)) / 2 / 1000.0;
        assertThat(point.path("p95Ms").asDouble()).isNotEqualTo(averaged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-base64.json", "not-gzip.json", "truncated-gzip.json", "not-a-payload.json",
            "control-message.json"})
    void handleRequest_undecodableOrControlDelivery_dropsItWithoutThrowing(String fixture) {
        CloudWatchLogsEvent event = load(fixture);

        assertThatCode(() -> handler.handleRequest(event, null)).doesNotThrowAnyException();
        assertThat(handler.handle(event)).isEqualTo(PublishLiveData.Result.EMPTY);
        assertThat(publisher.messages()).isEmpty();
    }

    @Test
    void handleRequest_eventWithoutData_dropsItWithoutThrowing() {
        assertThatCode(() -> handler.handleRequest(null, null)).doesNotThrowAnyException();
        assertThat(handler.handle(new CloudWatchLogsEvent())).isEqualTo(PublishLiveData.Result.EMPTY);
        assertThat(handler.handle(null)).isEqualTo(PublishLiveData.Result.EMPTY);
        assertThat(publisher.messages()).isEmpty();
    }

    @Test
    void publish_onlyForeignLines_publishesNothing() {
        PublishLiveData.Result result = new PublishLiveData(publisher, settings()).publish(LiveFixtures.foreignLines());

        assertThat(result.liveLines()).isZero();
        assertThat(publisher.messages()).isEmpty();
    }

    @Test
    void publish_thousandTasksInOneBatch_onePointPerSecondUnderIotLimitWithExactCounts() throws Exception {
        List<String> lines = new ArrayList<>();
        long succ = 0;
        for (int task = 0; task < 1000; task++) {
            for (int second = 0; second < 3; second++) {
                var line = LiveFixtures.line(LiveFixtures.TEST_ID, "us-east-1", task % 3, second);
                line = new dlt.core.live.LiveLine(line.testId(), line.testRunId(), line.region(), "task-" + task,
                        line.second(), line.users(), line.ok(), line.fail(), line.bytes(), line.hist());
                succ += line.ok();
                lines.add(line.toJson());
            }
        }
        CloudWatchLogsEvent event = event(lines);

        PublishLiveData.Result result = handler.handle(event);

        assertThat(result.liveLines()).isEqualTo(3000);
        assertThat(publisher.messages()).hasSize(1);
        assertThat(publisher.messages().getFirst().payload().length).isLessThan(LiveDataSettings.IOT_MAX_PAYLOAD_BYTES);
        JsonNode points = JSON.readTree(publisher.messages().getFirst().payload()).path("us-east-1");
        assertThat(points).hasSize(3);
        assertThat(points.findValuesAsText("tasks")).containsOnly("1000");
        long published = 0;
        for (JsonNode point : points) {
            published += point.path("succ").asLong();
        }
        assertThat(published).isEqualTo(succ);
    }

    @Test
    void publish_moreThanOneMessageOfPoints_splitsUnderLimitWithEveryPointOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] regions = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
        for (String region : regions) {
            for (int second = 0; second < 200; second++) {
                for (int task = 0; task < 5; task++) {
                    var line = LiveFixtures.line(LiveFixtures.TEST_ID, region, task % 2, second % 7);
                    lines.add(new dlt.core.live.LiveLine(line.testId(), line.testRunId(), region, "task-" + task,
                            LiveFixtures.FIRST_SECOND + second, line.users(), line.ok(), line.fail(), line.bytes(),
                            line.hist()).toJson());
                }
            }
        }

        PublishLiveData.Result result = new PublishLiveData(publisher, settings()).publish(lines);

        assertThat(result.points()).isEqualTo(1000);
        assertThat(publisher.messages()).hasSizeGreaterThan(1);
        Set<String> seen = new HashSet<>();
        Map<String, Integer> tasksPerPoint = new HashMap<>();
        for (RecordingLivePublisher.Message message : publisher.messages()) {
            assertThat(message.payload().length).isLessThanOrEqualTo(LiveDataSettings.DEFAULT_MAX_MESSAGE_BYTES);
            JsonNode payload = JSON.readTree(message.payload());
            payload.properties().forEach(region -> region.getValue().forEach(point -> {
                String key = region.getKey() + "@" + point.path("timestamp").asLong();
                assertThat(seen.add(key)).as("point %s published twice", key).isTrue();
                tasksPerPoint.put(key, point.path("tasks").asInt());
            }));
        }
        assertThat(seen).hasSize(1000);
        assertThat(tasksPerPoint.values()).containsOnly(5);
    }

    @Test
    void publish_smallLimit_everyMessageFitsIt() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            lines.add(LiveFixtures.line(LiveFixtures.TEST_ID, "us-east-1", 0, second).toJson());
        }

        new PublishLiveData(publisher, new LiveDataSettings(URI.create("http://127.0.0.1:1"), 1024)).publish(lines);

        assertThat(publisher.messages()).hasSizeGreaterThan(4);
        int points = 0;
        for (RecordingLivePublisher.Message message : publisher.messages()) {
            assertThat(message.payload().length).isLessThanOrEqualTo(1024);
            points += JSON.readTree(message.payload()).path("us-east-1").size();
        }
        assertThat(points).isEqualTo(40);
    }

    @Test
    void publish_twoTestsInOneBatch_eachOnItsOwnTopic() {
        List<String> lines = List.of(LiveFixtures.line("TestOne", "us-east-1", 0, 0).toJson(),
                LiveFixtures.line("TestTwo", "us-east-1", 0, 0).toJson(),
                LiveFixtures.line("bad/topic#", "us-east-1", 0, 0).toJson());

        new PublishLiveData(publisher, settings()).publish(lines);

        assertThat(publisher.messages()).extracting(RecordingLivePublisher.Message::topic)
                .containsExactlyInAnyOrder("dlt/TestOne", "dlt/TestTwo");
    }

    @Test
    void publish_brokerRefusesOneTest_othersStillPublishedAndNothingThrown() {
        publisher.refuse(m -> m.topic().equals("dlt/TestOne"));
        List<String> lines = List.of(LiveFixtures.line("TestOne", "us-east-1", 0, 0).toJson(),
                LiveFixtures.line("TestTwo", "us-east-1", 0, 0).toJson());

        PublishLiveData.Result result = new PublishLiveData(publisher, settings()).publish(lines);

        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.messages()).isEqualTo(1);
        assertThat(publisher.messages()).extracting(RecordingLivePublisher.Message::topic).containsExactly("dlt/TestTwo");
    }

    @Test
    void fromEnvironment_hostOnly_isHttpsEndpoint() {
        assertThat(LiveDataSettings.fromEnvironment(Map.of("IOT_ENDPOINT", "abc-ats.iot.us-east-1.amazonaws.com"))
                .iotEndpoint()).isEqualTo(URI.create("https://abc-ats.iot.us-east-1.amazonaws.com"));
    }

    @Test
    void fromEnvironment_missingEndpoint_failsNamingTheVariable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveDataSettings.fromEnvironment(Map.of()))
                .hasMessageContaining("IOT_ENDPOINT");
    }

    private static LiveDataSettings settings() {
        return LiveDataSettings.of(URI.create("http://127.0.0.1:1"));
    }

    private static CloudWatchLogsEvent load(String fixture) {
        return EventLoader.loadCloudWatchLogsEvent("events/" + fixture);
    }

    private static CloudWatchLogsEvent event(List<String> lines) {
        List<LogsSubscription.LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogsSubscription.LogEvent(LiveFixtures.eventId(i), LiveFixtures.FIRST_SECOND * 1000, lines.get(i)));
        }
        String data = LogsSubscription.encode(new LogsSubscription.Batch(LogsSubscription.DATA_MESSAGE, "123456789012",
                "dlt-ecs", "stream", List.of("dlt-live"), events));
        return new CloudWatchLogsEvent().withAwsLogs(new CloudWatchLogsEvent.AWSLogs().withData(data));
    }
}
