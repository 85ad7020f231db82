package dlt.loadtester.engine;

import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import java.io.IOException;
import java.time.Clock;

/** Starts a load test described by a {@link LoadPlan}: one event loop per core, bounded by the plan's duration. */
public final class LoadEngine {
    private static final long START_LEAD_NANOS = 20_000_000L;

    private final Clock clock;
    private final int cores;

    public LoadEngine(Clock clock) {
        this(clock, Runtime.getRuntime().availableProcessors());
    }

    public LoadEngine(Clock clock, int cores) {
        this.clock = clock;
        this.cores = Math.max(1, cores);
    }

    public RunningTest start(LoadPlan plan, RunListener listener) throws IOException {
        CompiledPlan compiled = CompiledPlan.of(plan);
        int concurrency = switch (plan.model()) {
            case LoadModel.Closed c -> c.users();
            case LoadModel.Open o -> o.maxInFlight();
        };
        int loops = Math.min(cores, concurrency);
        long startNanos = System.nanoTime() + START_LEAD_NANOS;
        long startEpochMillis = clock.millis() + START_LEAD_NANOS / 1_000_000L;
        long measureStart = startNanos + plan.warmUpNanos();
        LoadClock loadClock = new LoadClock(startNanos, startEpochMillis, measureStart, measureStart + plan.model().durationNanos());
        return RunningTest.start(compiled, loadClock, loops, listener);
    }
}
