package dlt.local.live;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import dlt.core.live.LiveLine;
import dlt.livedata.LiveDataHandler;
import dlt.livedata.LogsSubscription;
import dlt.local.tasks.WorkerLine;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local stand-in for the workers' log groups and their subscription filter: takes the workers' stdout
 * lines (from the process launcher), keeps those the filter would ({@code dlt.live.v1}), and every
 * {@code interval} hands each region's lines to the live-data handler as one CloudWatch Logs subscription
 * event, as CloudWatch does on AWS.
 */
public final class LocalLiveFeed implements Consumer<WorkerLine>, AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /** CloudWatch delivers at most 10,000 events at once. */
    static final int MAX_EVENTS = 10_000;
    private static final System.Logger LOG = System.getLogger(LocalLiveFeed.class.getName());

    private final LiveDataHandler handler;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, List<LogsSubscription.LogEvent>> pending = new LinkedHashMap<>();
    private long nextEventId;
    private boolean closed;

    public LocalLiveFeed(LiveDataHandler handler, Duration interval, Clock clock) {
        this.handler = handler;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dlt-live-feed");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void accept(WorkerLine line) {
        if (line.line() == null || !line.line().contains(LiveLine.SCHEMA)) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            pending.computeIfAbsent(line.region(), r -> new ArrayList<>()).add(new LogsSubscription.LogEvent(
                    String.format("%056d", nextEventId++), clock.millis(), line.line()));
        }
    }

    /** Delivers what has arrived since the last delivery. */
    void flush() {
        Map<String, List<LogsSubscription.LogEvent>> batches;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batches = new LinkedHashMap<>(pending);
            pending.clear();
        }
        for (Map.Entry<String, List<LogsSubscription.LogEvent>> region : batches.entrySet()) {
            List<LogsSubscription.LogEvent> events = region.getValue();
            for (int from = 0; from < events.size(); from += MAX_EVENTS) {
                deliver(region.getKey(), events.subList(from, Math.min(events.size(), from + MAX_EVENTS)));
            }
        }
    }

    private void deliver(String region, List<LogsSubscription.LogEvent> events) {
        try {
            String data = LogsSubscription.encode(new LogsSubscription.Batch(LogsSubscription.DATA_MESSAGE, "local",
                    "dlt-local/" + region, "load-tester/" + region, List.of("dlt-live"), events));
            handler.handleRequest(new CloudWatchLogsEvent().withAwsLogs(new CloudWatchLogsEvent.AWSLogs().withData(data)),
                    null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "live data of " + events.size() + " lines in " + region + " was not delivered", e);
        }
    }

    /** Delivers what is pending, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
