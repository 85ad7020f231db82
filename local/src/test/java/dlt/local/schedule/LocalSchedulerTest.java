package dlt.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.port.memory.TestClock;
import dlt.core.schedule.CronExpression;
import dlt.core.schedule.RunSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSchedulerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:30Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();

    private LocalScheduler scheduler() {
        return new LocalScheduler(dir.resolve("schedules.json"), clock, event -> {
            try {
                delivered.add(JSON.readTree(event));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitDelivered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(600); // two more ticks: nothing else may come
    }

    private static RunSchedule everyFiveMinutes() {
        return new RunSchedule.Cron(CronExpression.parse("*/5 * * * *"), ZoneId.of("UTC"), Optional.empty());
    }

    @Test
    void aDueRunIsDeliveredOnceAsTheSchedulersEvent() throws Exception {
        try (LocalScheduler scheduler = scheduler()) {
            scheduler.put("T1", everyFiveMinutes());
            scheduler.start();
            clock.advance(Duration.ofMinutes(5));
            awaitDelivered(1);

            assertThat(delivered).containsExactly(JSON.readTree(
                    "{\"source\":\"dlt.scheduler\",\"testId\":\"T1\",\"scheduledTime\":\"2026-11-23T10:05:00Z\"}"));
        }
    }

    @Test
    void aDeletedScheduleNoLongerFires() throws Exception {
        try (LocalScheduler scheduler = scheduler()) {
            scheduler.put("T1", everyFiveMinutes());
            scheduler.delete("T1");
            scheduler.start();
            clock.advance(Duration.ofMinutes(30));
            awaitDelivered(0);

            assertThat(delivered).isEmpty();
            assertThat(scheduler.scheduled()).isEmpty();
        }
    }

    @Test
    void schedulesSurviveARestartAndRunsDueMeanwhileAreReportedMissed() throws Exception {
        try (LocalScheduler scheduler = scheduler()) {
            scheduler.put("T1", everyFiveMinutes());
            scheduler.put("Once", new RunSchedule.Once(LocalDateTime.parse("2026-11-23T10:12"), ZoneId.of("UTC")));
            scheduler.start();
        }
        clock.advance(Duration.ofMinutes(16)); // 10:16:30: 10:05, 10:10, 10:15 and the one-time 10:12 passed

        try (LocalScheduler again = scheduler()) {
            assertThat(again.scheduled()).containsExactly("T1", "Once");
            again.start();
            awaitDelivered(2);
            clock.advance(Duration.ofMinutes(4));
            awaitDelivered(3);
        }

        assertThat(delivered).containsExactly(
                JSON.readTree("{\"source\":\"dlt.scheduler\",\"testId\":\"T1\",\"missed\":[\"2026-11-23T10:05:00Z\","
                        + "\"2026-11-23T10:10:00Z\",\"2026-11-23T10:15:00Z\"]}"),
                JSON.readTree("{\"source\":\"dlt.scheduler\",\"testId\":\"Once\",\"missed\":[\"2026-11-23T10:12:00Z\"]}"),
                JSON.readTree("{\"source\":\"dlt.scheduler\",\"testId\":\"T1\",\"scheduledTime\":\"2026-11-23T10:20:00Z\"}"));
    }

    @Test
    void anUnreadableEntryIsLeftOutNotFatal() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("schedules.json"), """
                {"version": 1, "schedules": {
                  "Bad": {"type": "cron", "cron": "99 * * * *", "zone": "UTC", "handledUntil": "2026-11-23T10:00:00Z"},
                  "Good": {"type": "cron", "cron": "0 * * * *", "zone": "UTC", "handledUntil": "2026-11-23T10:00:00Z"}}}
                """);
        try (LocalScheduler scheduler = scheduler()) {
            assertThat(scheduler.scheduled()).containsExactly("Good");
        }
    }
}
