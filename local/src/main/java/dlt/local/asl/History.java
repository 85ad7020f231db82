package dlt.local.asl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An execution's history: every event counted, at most {@code limit} kept; beyond it the run fails. */
final class History {
    private final Clock clock;
    private final int limit;
    private final Runnable onOverflow;
    private final List<HistoryEvent> events = new ArrayList<>();
    private long count;

    History(Clock clock, int limit, Runnable onOverflow) {
        this.clock = clock;
        this.limit = limit;
        this.onOverflow = onOverflow;
    }

    void record(String type, String stateName, long inputBytes, long outputBytes) {
        record(type, stateName, inputBytes, outputBytes, null, null, null, -1);
    }

    void record(String type, String stateName, long inputBytes, long outputBytes, String error, String cause,
                Duration retryDelay, int mapIndex) {
        boolean overflow;
        synchronized (this) {
            count++;
            overflow = count == limit + 1L;
            if (count <= limit) {
                events.add(new HistoryEvent(count, clock.instant(), type, stateName, inputBytes, outputBytes, error,
                        cause, retryDelay, mapIndex));
            }
        }
        if (overflow) {
            onOverflow.run();
        }
    }

    synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    synchronized long count() {
        return count;
    }
}
