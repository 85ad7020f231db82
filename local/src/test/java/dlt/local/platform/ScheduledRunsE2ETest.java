package dlt.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules on the local platform, end to end over HTTP: a one-time schedule and a recurring one fire
 * and produce completed runs, and runs due while the platform was stopped are reported. The scheduler's
 * clock runs six times faster than real time so minutes pass in seconds; everything else is real.
 */
class ScheduledRunsE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SPEED = 6.0;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** A clock that starts at {@code origin} and runs {@code speed} times faster than real time. */
    record FastClock(Instant origin, long startNanos, double speed) {
        static Clock from(Instant origin, double speed) {
            FastClock fast = new FastClock(origin, System.nanoTime(), speed);
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return fast.origin.plusNanos((long) ((System.nanoTime() - fast.startNanos) * fast.speed));
                }
            };
        }
    }

    private LocalPlatform.Settings settings(Clock schedulerClock) {
        return LocalPlatform.Settings.defaults(dir).withPorts(0, 0, 0).withRegions(List.of("us-east-1"), 4)
                .withWorkerJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
                .withBarrierLead(Duration.ofSeconds(1))
                .withSchedulerClock(schedulerClock);
    }

    private String scenario(LocalPlatform platform, String name, String scheduleFields) {
        return """
                {"testName": "%s", "testDescription": "scheduled", "testType": "simple", %s,
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 2}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "2s", "scenario": "main"}],
                   "scenarios": {"main": {"requests": [{"url": "%s/fast", "method": "GET"}]}}}}
                """.formatted(name, scheduleFields, platform.sampleTarget());
    }

    @Test
    void oneTimeAndRecurringSchedulesProduceCompletedRuns_andMissedRunsAreReportedAfterARestart() throws Exception {
        Instant scheduledUntil;
        String recurringId;
        LocalPlatform platform = LocalPlatform.start(settings(FastClock.from(Instant.now(), SPEED)));
        try {
            // one run, two minutes ahead (real minutes as the API counts them; the scheduler gets there in ~20s)
            ZonedDateTime at = ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusMinutes(2).truncatedTo(ChronoUnit.MINUTES);
            JsonNode once = post(platform, scenario(platform, "once", """
                    "scheduleDate": "%s", "scheduleTime": "%s", "scheduleTimezone": "Europe/Paris"
                    """.formatted(at.toLocalDate(), at.toLocalTime())));
            assertThat(once.path("status").asText()).isEqualTo("scheduled");
            String onceId = once.path("testId").asText();
            JsonNode recurring = post(platform, scenario(platform, "every two minutes", "\"cronValue\": \"*/2 * * * *\""));
            recurringId = recurring.path("testId").asText();
            assertThat(recurring.path("testRunId").isNull()).isTrue();

            JsonNode onceDone = await(platform, onceId, details -> completed(details) >= 1, Duration.ofSeconds(90));
            assertThat(onceDone.path("history")).hasSize(1);
            assertThat(onceDone.path("nextRun").isNull()).as("a one-time schedule that fired has no next run").isTrue();
            assertThat(onceDone.has("schedule")).isTrue();
            assertThat(onceDone.path("schedule").path("nextRuns")).isEmpty();
            assertThat(Files.readString(dir.resolve("schedules.json"))).doesNotContain(onceId);

            JsonNode twice = await(platform, recurringId, details -> completed(details) >= 2, Duration.ofSeconds(120));
            assertThat(twice.path("schedule").path("nextRuns")).hasSize(5);
            TestRun firstRun = platform.runs().listAll(recurringId).stream()
                    .filter(run -> run.status() == RunStatus.COMPLETE).findFirst().orElseThrow();
            assertThat(JSON.readTree(firstRun.summary()).path("requests").asLong()).isPositive();
            scheduledUntil = Instant.parse(JSON.readTree(Files.readString(dir.resolve("schedules.json")))
                    .path("schedules").path(recurringId).path("handledUntil").asText());
        } finally {
            platform.close();
        }

        // ten scheduler minutes later: five runs were due while the platform was stopped
        LocalPlatform again = LocalPlatform.start(settings(FastClock.from(scheduledUntil.plus(Duration.ofMinutes(10))
                .plusSeconds(30), 1.0)));
        try {
            JsonNode reported = await(again, recurringId, details -> contains(details, "were missed"),
                    Duration.ofSeconds(30));
            assertThat(reported.toString()).contains("5 scheduled runs");
            assertThat(send(again, "DELETE", "/scenarios/" + recurringId, null).statusCode()).isEqualTo(200);
            assertThat(Files.readString(dir.resolve("schedules.json"))).doesNotContain(recurringId);
        } finally {
            again.close();
        }
    }

    private static long completed(JsonNode details) {
        long count = 0;
        for (JsonNode run : details.path("history")) {
            if ("complete".equals(run.path("status").asText())) count++;
        }
        return count;
    }

    private static boolean contains(JsonNode details, String text) {
        for (JsonNode run : details.path("history")) {
            if (run.toString().contains(text)) return true;
        }
        return false;
    }

    private JsonNode await(LocalPlatform platform, String testId, Predicate<JsonNode> done, Duration limit)
            throws Exception {
        Instant deadline = Instant.now().plus(limit);
        JsonNode details = null;
        while (Instant.now().isBefore(deadline)) {
            details = JSON.readTree(send(platform, "GET", "/scenarios/" + testId, null).body());
            if (done.test(details)) return details;
            Thread.sleep(500);
        }
        throw new AssertionError("not reached in " + limit + ": " + (details == null ? "" : details.toPrettyString()));
    }

    private JsonNode post(LocalPlatform platform, String body) throws Exception {
        HttpResponse<String> response = send(platform, "POST", "/scenarios", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(LocalPlatform platform, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
