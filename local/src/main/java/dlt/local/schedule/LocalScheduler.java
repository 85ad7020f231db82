package dlt.local.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.port.ScheduleStore;
import dlt.core.schedule.CronExpression;
import dlt.core.schedule.Recurrence;
import dlt.core.schedule.RunSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local platform's stand-in for EventBridge Scheduler: keeps each test's schedule in a file of the
 * data directory and, when a run is due, delivers the same {@code dlt.scheduler} event the API
 * function gets on AWS. Schedules survive a restart; runs that fell due while the platform was stopped
 * are delivered as one {@code missed} event per test, so they are reported rather than dropped.
 */
public final class LocalScheduler implements ScheduleStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalScheduler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often due runs are looked for: well inside the minute precision schedules have. */
    private static final Duration TICK = Duration.ofMillis(250);
    /** Enough for a week of per-minute runs missed; more are counted from the first of them. */
    private static final int MAX_DUE_AT_ONCE = 10_080;

    private record Entry(RunSchedule schedule, Instant handledUntil) {
    }

    private final Path file;
    private final Clock clock;
    private final Consumer<String> deliver;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private Thread loop;
    private Instant startedAt;
    private volatile boolean closed;

    /**
     * @param file    where schedules are kept (read now, if it exists)
     * @param clock   the scheduler's clock (tests may run it faster than real time)
     * @param deliver takes each event's JSON, as the API function would
     */
    public LocalScheduler(Path file, Clock clock, Consumer<String> deliver) {
        this.file = file;
        this.clock = clock;
        this.deliver = deliver;
        load();
    }

    /** Starts delivering; runs due before now are reported as missed. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        startedAt = clock.instant();
        loop = Thread.ofPlatform().daemon().name("dlt-local-scheduler").start(this::run);
    }

    @Override
    public synchronized void put(String testId, RunSchedule schedule) {
        entries.put(testId, new Entry(schedule, clock.instant()));
        save();
    }

    @Override
    public synchronized void delete(String testId) {
        if (entries.remove(testId) != null) {
            save();
        }
    }

    /** The test ids with a schedule, for the platform's start message. */
    public synchronized List<String> scheduled() {
        return List.copyOf(entries.keySet());
    }

    private void run() {
        while (!closed) {
            for (String event : dueEvents()) {
                try {
                    deliver.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "delivering a scheduled run failed: " + event, e);
                }
            }
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The events due now, with each schedule moved past them (and saved) before anything is delivered. */
    private synchronized List<String> dueEvents() {
        Instant now = clock.instant();
        List<String> events = new ArrayList<>();
        boolean changed = false;
        for (Map.Entry<String, Entry> item : entries.entrySet()) {
            Entry entry = item.getValue();
            List<Instant> due = dueBetween(entry, now);
            if (due.isEmpty()) {
                continue;
            }
            List<Instant> missed = due.stream().filter(run -> run.isBefore(startedAt)).toList();
            List<Instant> onTime = due.subList(missed.size(), due.size());
            if (!missed.isEmpty()) {
                events.add(missedEvent(item.getKey(), missed));
            }
            if (!onTime.isEmpty()) {
                // a stalled machine can wake up with several due: the latest runs, the others are reported
                if (onTime.size() > 1) {
                    events.add(missedEvent(item.getKey(), onTime.subList(0, onTime.size() - 1)));
                }
                events.add(firedEvent(item.getKey(), onTime.get(onTime.size() - 1)));
            }
            item.setValue(new Entry(entry.schedule(), due.get(due.size() - 1)));
            changed = true;
        }
        if (changed) {
            save();
        }
        return events;
    }

    private static List<Instant> dueBetween(Entry entry, Instant now) {
        List<Instant> due = new ArrayList<>();
        Instant cursor = entry.handledUntil();
        while (due.size() < MAX_DUE_AT_ONCE) {
            Optional<Instant> next = entry.schedule().nextAfter(cursor);
            if (next.isEmpty() || next.get().isAfter(now)) {
                break;
            }
            due.add(next.get());
            cursor = next.get();
        }
        return due;
    }

    private static String firedEvent(String testId, Instant scheduledTime) {
        return JSON.createObjectNode().put("source", "dlt.scheduler").put("testId", testId)
                .put("scheduledTime", scheduledTime.toString()).toString();
    }

    private static String missedEvent(String testId, List<Instant> missed) {
        ObjectNode node = JSON.createObjectNode().put("source", "dlt.scheduler").put("testId", testId);
        ArrayNode list = node.putArray("missed");
        missed.forEach(run -> list.add(run.toString()));
        return node.toString();
    }

    // ---- the file

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            root.path("schedules").properties().forEach(item -> {
                try {
                    entries.put(item.getKey(), read(item.getValue()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "the schedule of test " + item.getKey() + " in " + file
                            + " cannot be read and is left out: " + e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schedules in " + file, e);
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        ObjectNode schedules = root.putObject("schedules");
        entries.forEach((testId, entry) -> schedules.set(testId, write(entry)));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the schedules in " + file, e);
        }
    }

    private static ObjectNode write(Entry entry) {
        RunSchedule schedule = entry.schedule();
        ObjectNode node = JSON.createObjectNode().put("zone", schedule.zone().getId());
        switch (schedule) {
            case RunSchedule.Once once -> node.put("type", "once").put("at", once.at().toString());
            case RunSchedule.Repeating r -> node.put("type", "recurrence").put("recurrence", r.recurrence().wire())
                    .put("first", r.first().toString());
            case RunSchedule.Cron cron -> node.put("type", "cron").put("cron", cron.expression().text());
        }
        schedule.expiry().ifPresent(day -> node.put("expiry", day.toString()));
        node.put("handledUntil", entry.handledUntil().toString());
        return node;
    }

    private static Entry read(JsonNode node) {
        ZoneId zone = ZoneId.of(node.path("zone").asText());
        Optional<LocalDate> expiry = Optional.ofNullable(node.get("expiry")).map(e -> LocalDate.parse(e.asText()));
        RunSchedule schedule = switch (node.path("type").asText()) {
            case "once" -> new RunSchedule.Once(LocalDateTime.parse(node.path("at").asText()), zone);
            case "recurrence" -> new RunSchedule.Repeating(
                    Recurrence.fromWire(node.path("recurrence").asText()).orElseThrow(
                            () -> new IllegalArgumentException("unknown recurrence")),
                    LocalDateTime.parse(node.path("first").asText()), zone, expiry);
            case "cron" -> new RunSchedule.Cron(CronExpression.parse(node.path("cron").asText()), zone, expiry);
            default -> throw new IllegalArgumentException("unknown schedule type " + node.path("type"));
        };
        return new Entry(schedule, Instant.parse(node.path("handledUntil").asText()));
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
