package dlt.loadtester.engine;

import dlt.core.result.Histograms;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Joins the loops' per-second buckets into one point per second. A second is final once every loop
 * has moved past it, so each second is reported exactly once, with every loop's requests in it.
 * Loops call {@code offer}/{@code loopReachedSecond}; one reporter thread calls {@link #poll()}.
 */
final class SecondAggregator {
    /** One finished second of the measured window, summed over loops. */
    record Second(long second, int users, long ok, long fail, long bytes, Histogram responseTime) {
    }

    private static final long DONE = Long.MAX_VALUE;

    private final int loops;
    private final long firstSecond;
    private final ConcurrentLinkedQueue<SecondBucket> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicLongArray reached;
    private final AtomicIntegerArray users;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final TreeMap<Long, Second> open = new TreeMap<>();
    private long nextToEmit;

    SecondAggregator(int loops, long firstSecond) {
        this.loops = loops;
        this.firstSecond = firstSecond;
        this.nextToEmit = firstSecond;
        this.reached = new AtomicLongArray(loops);
        this.users = new AtomicIntegerArray(loops);
        for (int i = 0; i < loops; i++) reached.set(i, Long.MIN_VALUE);
    }

    void offer(SecondBucket bucket) {
        inbox.add(bucket);
    }

    void loopReachedSecond(int loop, long second, int activeUsers) {
        users.set(loop, activeUsers);
        reached.set(loop, second);
    }

    void loopDone(int loop) {
        users.set(loop, 0);
        reached.set(loop, DONE);
    }

    void loopFailed(int loop, Throwable t) {
        failure.compareAndSet(null, t);
    }

    Throwable failure() {
        return failure.get();
    }

    boolean allDone() {
        for (int i = 0; i < loops; i++) if (reached.get(i) != DONE) return false;
        return true;
    }

    int currentUsers() {
        int sum = 0;
        for (int i = 0; i < loops; i++) sum += users.get(i);
        return sum;
    }

    /** The seconds that became final since the last call, in order. */
    List<Second> poll() {
        long horizon = DONE;
        for (int i = 0; i < loops; i++) horizon = Math.min(horizon, reached.get(i));
        // Read the horizon before draining: a loop offers its bucket before it reports the next second.
        SecondBucket b;
        while ((b = inbox.poll()) != null) {
            Second s = open.get(b.second);
            if (s == null) {
                s = new Second(b.second, b.users, b.ok, b.fail, b.bytes, b.responseTime);
            } else {
                s.responseTime().add(b.responseTime);
                s = new Second(b.second, s.users() + b.users, s.ok() + b.ok, s.fail() + b.fail, s.bytes() + b.bytes, s.responseTime());
            }
            open.put(b.second, s);
        }
        List<Second> finished = new ArrayList<>();
        long last;
        if (horizon == DONE) {
            last = open.isEmpty() ? nextToEmit - 1 : open.lastKey();
        } else if (horizon == Long.MIN_VALUE) {
            return List.of(); // a loop has not started its first second yet
        } else {
            last = horizon - 1;
        }
        int usersNow = currentUsers();
        while (nextToEmit <= last) {
            Second s = open.remove(nextToEmit);
            if (s == null) s = new Second(nextToEmit, usersNow, 0, 0, 0, Histograms.newCoarse());
            if (s.second() >= firstSecond) finished.add(s);
            nextToEmit++;
        }
        return finished;
    }
}
