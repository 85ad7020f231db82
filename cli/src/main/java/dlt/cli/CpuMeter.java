package dlt.cli;

import dlt.core.live.LiveLine;
import dlt.loadtester.engine.RunListener;
import java.lang.management.ManagementFactory;

/**
 * Measures this process's CPU time over the measured window only (JVM start-up and warm-up left out),
 * so the generator's cost per request can be compared with other tools' (see bench/).
 */
final class CpuMeter implements RunListener {
    private final RunListener next;
    private final com.sun.management.OperatingSystemMXBean os;
    private volatile long cpuAtMeasureStart = -1;

    CpuMeter(RunListener next) {
        this.next = next;
        this.os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    }

    @Override
    public void onSecond(LiveLine second) {
        next.onSecond(second);
    }

    @Override
    public void onProgress(Progress progress) {
        if (!progress.warmingUp() && cpuAtMeasureStart < 0) cpuAtMeasureStart = os.getProcessCpuTime();
        next.onProgress(progress);
    }

    /** CPU microseconds per request over the measured window, or NaN when it could not be measured. */
    double microsPerRequest(long requests) {
        long start = cpuAtMeasureStart;
        if (start < 0 || requests == 0 || os == null) return Double.NaN;
        return (os.getProcessCpuTime() - start) / 1000.0 / requests;
    }
}
