package dlt.loadtester.engine;

import dlt.loadtester.http.RequestEncoder;
import dlt.loadtester.http.ResponseParser;
import dlt.loadtester.plan.ArrivalSchedule;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.Step;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import javax.net.ssl.SSLException;

/**
 * One thread, one selector, a share of the virtual users. Everything a request touches (user state,
 * connection, parser, recorders) belongs to this loop alone, so the hot path has no locks, no futures
 * and no allocation; the only cross-thread traffic is one {@link SecondBucket} per second.
 */
final class EventLoop implements Runnable {
    private static final long MIN_RETRY_PAUSE_NANOS = 10_000_000L;
    private static final long TIMEOUT_SCAN_NANOS = 20_000_000L;
    private static final long MAX_SELECT_MILLIS = 50;

    private final int index;
    private final CompiledPlan plan;
    private final LoadClock clock;
    private final SecondAggregator aggregator;
    private final Selector selector;
    private final byte[] readBytes = new byte[64 * 1024];
    private final ByteBuffer readView = ByteBuffer.wrap(readBytes);
    private final PriorityQueue<VirtualUser> timers = new PriorityQueue<>(Comparator.comparingLong(u -> u.wakeAtNanos));
    private final List<VirtualUser> users = new ArrayList<>();
    final LabelRecorder[] measured;
    final LabelRecorder warmUp = new LabelRecorder();

    private final ArrivalSchedule arrivals;
    private final long arrivalStride;
    private long nextArrival;
    private long nextArrivalNanos;
    private final long[] pending;
    private int pendingHead;
    private int pendingSize;
    private final ArrayDeque<VirtualUser> freeSlots = new ArrayDeque<>();
    private final int maxSlots;
    long lateIterations;
    long droppedIterations;

    private long endNanos;
    private volatile boolean stopRequested;
    private boolean stopping;
    private long abortNanos = Long.MAX_VALUE;
    private int unfinishedUsers;
    private int activeUsers;
    private SecondBucket bucket;
    private long currentSecond = Long.MIN_VALUE;
    private long nextTimeoutScan;

    EventLoop(int index, int loops, CompiledPlan plan, LoadClock clock, SecondAggregator aggregator) throws IOException {
        this.index = index;
        this.plan = plan;
        this.clock = clock;
        this.aggregator = aggregator;
        this.selector = Selector.open();
        this.endNanos = clock.endNanos();
        this.measured = new LabelRecorder[plan.labels().size()];
        for (int i = 0; i < measured.length; i++) measured[i] = new LabelRecorder();
        if (plan.model() instanceof LoadModel.Closed closed) {
            this.arrivals = null;
            this.arrivalStride = 0;
            this.pending = null;
            this.maxSlots = 0;
            for (int id = index; id < closed.users(); id += loops) {
                VirtualUser u = newUser(id);
                u.wakeAtNanos = firstStart(closed, id, loops);
                users.add(u);
                timers.add(u);
            }
            unfinishedUsers = users.size();
        } else {
            LoadModel.Open open = (LoadModel.Open) plan.model();
            this.arrivals = plan.arrivalsIncludingWarmUp();
            this.arrivalStride = loops;
            this.nextArrival = index;
            this.nextArrivalNanos = arrivalTime(nextArrival);
            this.maxSlots = Math.max(1, open.maxInFlight() / loops + (index < open.maxInFlight() % loops ? 1 : 0));
            long queue = (long) Math.ceil(arrivals.peakRate() / loops * plan.responseTimeoutNanos() / 1e9);
            this.pending = new long[(int) Math.min(1_000_000, Math.max(1024, queue))];
        }
    }

    private long firstStart(LoadModel.Closed closed, int id, int loops) {
        if (plan.warmUpNanos() > 0 && (closed.rampUpNanos() == 0 || id < loops)) return clock.startNanos();
        return clock.measureStartNanos() + closed.startOffsetNanos(id);
    }

    private VirtualUser newUser(int id) {
        return new VirtualUser(id, plan.endpoints().size(), plan.fixedRequests());
    }

    void requestStop() {
        stopRequested = true;
        selector.wakeup();
    }

    int activeUsers() {
        return activeUsers;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (IOException | RuntimeException e) {
            aggregator.loopFailed(index, e);
        } finally {
            for (VirtualUser u : users) u.closeConnections();
            for (VirtualUser u : freeSlots) u.closeConnections();
            try {
                selector.close();
            } catch (IOException ignored) {
                // the loop is over; nothing else holds the selector
            }
            flushBucket();
            aggregator.loopDone(index);
        }
    }

    private void loop() throws IOException {
        while (true) {
            long now = System.nanoTime();
            if (stopRequested && !stopping) beginStop(now);
            advanceSecond(now);
            runTimers(now);
            if (arrivals != null) runArrivals(now);
            if (now >= nextTimeoutScan) {
                scanTimeouts(now);
                nextTimeoutScan = now + TIMEOUT_SCAN_NANOS;
            }
            if (finished()) return;
            if (now >= abortNanos) return;
            select(now);
        }
    }

    private boolean finished() {
        if (arrivals == null) return unfinishedUsers == 0;
        return nextArrivalNanos < 0 && pendingSize == 0 && activeUsers == 0;
    }

    private void beginStop(long now) {
        stopping = true;
        endNanos = Math.min(endNanos, now);
        abortNanos = now + Math.min(plan.responseTimeoutNanos(), 3_000_000_000L);
        nextArrivalNanos = -1;
        pendingSize = 0;
        while (!timers.isEmpty()) finishUser(timers.poll());
    }

    private void select(long now) throws IOException {
        long wake = Math.min(nextTimeoutScan, nextSecondNanos(now));
        if (!timers.isEmpty()) wake = Math.min(wake, timers.peek().wakeAtNanos);
        if (arrivals != null && nextArrivalNanos >= 0) wake = Math.min(wake, nextArrivalNanos);
        long waitNanos = wake - now;
        if (waitNanos <= 0) {
            selector.selectNow(onReadyKey);
        } else {
            selector.select(onReadyKey, Math.max(1, Math.min(MAX_SELECT_MILLIS, waitNanos / 1_000_000L)));
        }
    }

    private long nextSecondNanos(long now) {
        long ms = clock.epochMillis(now);
        return now + (1000 - Math.floorMod(ms, 1000L)) * 1_000_000L;
    }

    /** Selector callback: the consumer form of select() walks ready keys without an iterator per wake-up. */
    private final java.util.function.Consumer<SelectionKey> onReadyKey = this::onReadyKey;

    private void onReadyKey(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (!key.isValid()) return;
        try {
            handle(c, key);
        } catch (IOException | RuntimeException e) {
            onError(c, e);
        }
    }

    private void handle(Connection c, SelectionKey key) throws IOException {
        VirtualUser u = c.user;
        switch (c.state) {
            case CONNECTING -> {
                if (key.isConnectable()) {
                    c.finishConnect();
                    if (c.isTls()) {
                        if (c.handshake()) connected(u, c);
                    } else {
                        connected(u, c);
                    }
                }
            }
            case HANDSHAKING -> {
                if (c.handshake()) connected(u, c);
            }
            case OPEN -> {
                if (key.isWritable() && u.active == c && u.phase == VirtualUser.Phase.SENDING) {
                    if (c.write(u.request)) {
                        c.writeDone();
                        u.phase = VirtualUser.Phase.AWAITING_RESPONSE;
                    }
                }
                if (key.isValid() && key.isReadable()) readable(u, c);
            }
            case CLOSED -> {
            }
        }
    }

    private void onError(Connection c, Exception e) {
        VirtualUser u = c.user;
        boolean inUse = u.active == c && u.busy();
        if (!inUse) {
            dropConnection(u, c);
            return;
        }
        ErrorKind kind;
        if (c.state == Connection.State.CONNECTING) {
            kind = e instanceof ConnectException ? ErrorKind.CONNECT_REFUSED : ErrorKind.IO_ERROR;
        } else if (e instanceof SSLException || c.state == Connection.State.HANDSHAKING) {
            kind = ErrorKind.TLS_ERROR;
        } else if (e instanceof ClosedChannelException || isReset(e)) {
            if (retryOnFreshConnection(u, c)) return;
            kind = ErrorKind.CONNECTION_CLOSED;
        } else {
            kind = ErrorKind.IO_ERROR;
        }
        fail(u, kind, System.nanoTime());
    }

    private static boolean isReset(Exception e) {
        String m = e.getMessage();
        return e instanceof IOException && m != null && (m.contains("reset") || m.contains("Broken pipe"));
    }

    // --- scheduling ---------------------------------------------------------------------------

    private void runTimers(long now) {
        while (!timers.isEmpty() && timers.peek().wakeAtNanos <= now) {
            VirtualUser u = timers.poll();
            if (u.wakeAtNanos >= endNanos) {
                finishUser(u);
                continue;
            }
            if (arrivals == null && !u.iterationActive) {
                u.iterationActive = true;
                activeUsers++;
            }
            startRequest(u, u.wakeAtNanos);
        }
    }

    private void runArrivals(long now) {
        while (nextArrivalNanos >= 0 && nextArrivalNanos <= now) {
            long intended = nextArrivalNanos;
            nextArrival += arrivalStride;
            nextArrivalNanos = arrivalTime(nextArrival);
            VirtualUser slot = freeSlots.poll();
            if (slot == null && users.size() < maxSlots) {
                slot = newUser(users.size());
                users.add(slot);
            }
            boolean measuredPhase = intended >= clock.measureStartNanos();
            if (slot != null) {
                beginIteration(slot, intended);
            } else if (pendingSize < pending.length) {
                pending[(pendingHead + pendingSize++) % pending.length] = intended;
                if (measuredPhase) lateIterations++;
            } else if (measuredPhase) {
                droppedIterations++;
            }
        }
    }

    private long arrivalTime(long k) {
        long offset = arrivals.arrivalOffsetNanos(k);
        if (offset < 0) return -1;
        long t = clock.startNanos() + offset;
        return t >= endNanos ? -1 : t;
    }

    private void beginIteration(VirtualUser slot, long intended) {
        slot.iterationActive = true;
        slot.stepIndex = 0;
        activeUsers++;
        startRequest(slot, intended);
    }

    private void endIteration(VirtualUser slot) {
        slot.iterationActive = false;
        slot.phase = VirtualUser.Phase.WAITING;
        activeUsers--;
        if (pendingSize > 0 && !stopping) {
            long intended = pending[pendingHead];
            pendingHead = (pendingHead + 1) % pending.length;
            pendingSize--;
            beginIteration(slot, intended);
        } else {
            freeSlots.push(slot);
        }
    }

    private void finishUser(VirtualUser u) {
        if (u.phase == VirtualUser.Phase.DONE) return;
        u.phase = VirtualUser.Phase.DONE;
        if (u.iterationActive) {
            u.iterationActive = false;
            activeUsers--;
        }
        if (arrivals == null) unfinishedUsers--;
        else freeSlots.push(u);
        u.closeConnections();
    }

    private void scanTimeouts(long now) {
        for (int i = 0, n = users.size(); i < n; i++) {
            VirtualUser u = users.get(i);
            if (u.busy() && now > u.deadlineNanos) {
                fail(u, u.phase == VirtualUser.Phase.CONNECTING ? ErrorKind.CONNECT_TIMEOUT : ErrorKind.RESPONSE_TIMEOUT, now);
            }
        }
    }

    // --- one request ----------------------------------------------------------------------------

    private void startRequest(VirtualUser u, long intended) {
        u.intendedNanos = intended;
        u.sendNanos = -1;
        u.firstByteNanos = -1;
        u.connectNanos = -1;
        u.bytesReceived = 0;
        u.retried = false;
        send(u, System.nanoTime());
    }

    private void send(VirtualUser u, long now) {
        int ep = plan.stepEndpoint()[u.stepIndex];
        Connection c = u.connections[ep];
        if (c != null && c.state == Connection.State.OPEN) {
            u.reusedConnection = true;
            u.active = c;
            write(u, c, now);
            return;
        }
        u.reusedConnection = false;
        u.connectStartNanos = now;
        u.phase = VirtualUser.Phase.CONNECTING;
        u.deadlineNanos = now + plan.connectTimeoutNanos();
        try {
            c = Connection.open(u, ep, plan.endpoints().get(ep), selector, plan.sslContext(), plan.verifyHostnames(),
                    plan.mayCaptureBody());
        } catch (IOException | RuntimeException e) {
            u.active = null;
            fail(u, e instanceof ConnectException ? ErrorKind.CONNECT_REFUSED : ErrorKind.IO_ERROR, System.nanoTime());
            return;
        }
        u.connections[ep] = c;
        u.active = c;
        if (c.state == Connection.State.OPEN) {
            connected(u, c);
        } else if (c.state == Connection.State.HANDSHAKING) {
            try {
                if (c.handshake()) connected(u, c);
            } catch (IOException e) {
                onError(c, e);
            }
        }
    }

    private void connected(VirtualUser u, Connection c) {
        long now = System.nanoTime();
        u.connectNanos = now - u.connectStartNanos;
        write(u, c, now);
    }

    private void write(VirtualUser u, Connection c, long now) {
        int step = u.stepIndex;
        ByteBuffer request = u.fixedRequests[step];
        if (request == null) {
            request = ByteBuffer.wrap(RequestEncoder.encode(plan.steps().get(step), u.variables()));
        } else {
            request.position(0);
        }
        u.request = request;
        u.requestBytes = request.remaining();
        c.parser.reset(plan.steps().get(step).isHead(), plan.captureBody()[step], plan.captureHeader()[step]);
        u.sendNanos = now;
        u.deadlineNanos = now + plan.responseTimeoutNanos();
        u.phase = VirtualUser.Phase.SENDING;
        try {
            if (c.write(request)) u.phase = VirtualUser.Phase.AWAITING_RESPONSE;
        } catch (IOException e) {
            onError(c, e);
        }
    }

    private void readable(VirtualUser u, Connection c) throws IOException {
        boolean waiting = u.active == c && (u.phase == VirtualUser.Phase.AWAITING_RESPONSE || u.phase == VirtualUser.Phase.SENDING);
        while (true) {
            int n = c.read(readBytes, readView);
            if (!waiting) {
                // An idle keep-alive connection became readable: the server closed it (or misbehaved).
                if (n != 0) dropConnection(u, c);
                return;
            }
            if (n == 0) return;
            long now = System.nanoTime();
            ResponseParser p = c.parser;
            if (n < 0) {
                p.onEndOfStream();
                if (p.isComplete()) {
                    complete(u, c, now);
                } else if (!retryOnFreshConnection(u, c)) {
                    fail(u, ErrorKind.CONNECTION_CLOSED, now);
                }
                return;
            }
            if (u.firstByteNanos < 0) u.firstByteNanos = now;
            u.bytesReceived += n;
            p.parse(readBytes, 0, n);
            if (p.isComplete()) {
                complete(u, c, now);
                return;
            }
            if (p.hasFailed()) {
                fail(u, ErrorKind.PROTOCOL_ERROR, now);
                return;
            }
            if (!c.isTls()) return;
        }
    }

    /**
     * A server may close an idle keep-alive connection just as we reuse it. When nothing of the
     * response has arrived, the request is sent again once on a new connection, as browsers do.
     */
    private boolean retryOnFreshConnection(VirtualUser u, Connection c) {
        if (!u.reusedConnection || u.retried || c.parser.hasStarted() || stopping) return false;
        u.retried = true;
        dropConnection(u, c);
        u.firstByteNanos = -1;
        u.bytesReceived = 0;
        send(u, System.nanoTime());
        return true;
    }

    private void dropConnection(VirtualUser u, Connection c) {
        c.close();
        if (u.connections[c.endpointIndex] == c) u.connections[c.endpointIndex] = null;
        if (u.active == c) u.active = null;
    }

    private void complete(VirtualUser u, Connection c, long now) {
        int stepIndex = u.stepIndex;
        ResponseParser p = c.parser;
        ErrorKind error = ResponseChecks.evaluate(plan.steps().get(stepIndex), plan.bodyNeedles()[stepIndex], p, u);
        c.requestsServed++;
        if (!p.keepAlive()) dropConnection(u, c);
        record(u, p.status(), error, plan.checked()[stepIndex], now);
        next(u, now, false);
    }

    private void fail(VirtualUser u, ErrorKind kind, long now) {
        if (u.active != null) dropConnection(u, u.active);
        record(u, 0, kind, false, now);
        next(u, now, kind == ErrorKind.CONNECT_REFUSED || kind == ErrorKind.CONNECT_TIMEOUT);
    }

    private void record(VirtualUser u, int status, ErrorKind error, boolean checked, long now) {
        boolean measuredPhase = u.intendedNanos >= clock.measureStartNanos();
        long responseMicros = (now - u.intendedNanos) / 1000;
        long serviceMicros = (now - (u.sendNanos >= 0 ? u.sendNanos : u.connectStartNanos)) / 1000;
        long connectMicros = u.connectNanos >= 0 ? u.connectNanos / 1000 : -1;
        long firstByteMicros = u.firstByteNanos >= 0 && u.sendNanos >= 0 ? (u.firstByteNanos - u.sendNanos) / 1000 : -1;
        long sent = u.sendNanos >= 0 ? u.requestBytes : 0;
        LabelRecorder recorder = measuredPhase ? measured[plan.stepLabel()[u.stepIndex]] : warmUp;
        recorder.record(status, error, checked, sent, u.bytesReceived, responseMicros, serviceMicros, connectMicros, firstByteMicros);
        if (measuredPhase) {
            SecondBucket b = bucketFor(now);
            if (error == null) b.ok++;
            else b.fail++;
            b.bytes += u.bytesReceived;
            dlt.core.result.Histograms.record(b.responseTime, responseMicros);
        }
    }

    private void next(VirtualUser u, long now, boolean afterConnectFailure) {
        u.phase = VirtualUser.Phase.WAITING;
        u.active = null;
        u.stepIndex++;
        boolean iterationEnd = u.stepIndex == plan.steps().size();
        if (iterationEnd) u.stepIndex = 0;
        if (arrivals != null && iterationEnd) {
            endIteration(u);
            return;
        }
        long pause = plan.thinkTimeNanos();
        if (afterConnectFailure) pause = Math.max(pause, MIN_RETRY_PAUSE_NANOS);
        long at = now + pause;
        if (stopping || at >= endNanos) {
            if (arrivals != null) {
                endIteration(u);
            } else {
                finishUser(u);
            }
            return;
        }
        if (pause == 0) {
            startRequest(u, now);
        } else {
            u.wakeAtNanos = at;
            timers.add(u);
        }
    }

    // --- per-second buckets -----------------------------------------------------------------------

    private SecondBucket bucketFor(long now) {
        long second = clock.epochSecond(now);
        if (bucket == null || bucket.second != second) {
            flushBucket();
            bucket = new SecondBucket(index, second);
        }
        return bucket;
    }

    private void advanceSecond(long now) {
        long second = clock.epochSecond(now);
        if (second == currentSecond) return;
        currentSecond = second;
        if (bucket != null && bucket.second < second) flushBucket();
        aggregator.loopReachedSecond(index, second, activeUsers);
    }

    private void flushBucket() {
        if (bucket == null) return;
        bucket.users = activeUsers;
        aggregator.offer(bucket);
        bucket = null;
    }
}
