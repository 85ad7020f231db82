package dlt.loadtester.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
import dlt.loadtester.engine.LoadEngine;
import dlt.loadtester.engine.RunListener;
import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JMeter plan against a loopback endpoint that answers after a fixed delay (2 threads, 100 loops),
 * recorded through our recorder, compared with the two other accounts of the same requests: JMeter's
 * own results file of that run, and the target's count; then with a native-engine run of the same
 * request and users.
 */
class JMeterAgreementTest {
    private static final int USERS = 2;
    private static final int LOOPS = 100;
    private static final long DELAY_MILLIS = 20;
    private static final double[] PERCENTILES = {50, 90, 95, 99, 100};

    @TempDir
    Path dir;

    @Test
    void jmeterRun_recordedResultsAgreeWithJMetersOwnAndTheTargetsCount() throws Exception {
        try (CountingTarget target = CountingTarget.start(DELAY_MILLIS)) {
            WorkerResult recorded = runPlan(target);
            long[] jtl = jtlElapsedMillis(dir.resolve("results.jtl"));

            LabelResult slow = recorded.labels().get("slow");
            // counts: exact, three ways
            assertThat(slow.requests()).isEqualTo(USERS * LOOPS).isEqualTo(jtl.length).isEqualTo(target.requests("/slow"));
            assertThat(slow.failures()).isZero();
            // percentiles: JMeter's whole milliseconds, kept exactly (HdrHistogram's 3 digits are far inside 1 ms)
            for (double p : PERCENTILES) {
                double ours = slow.responseTime().getValueAtPercentile(p) / 1000.0;
                assertThat(ours).as("p%s", p).isCloseTo(percentile(jtl, p), within(1.0));
            }
        }
    }

    /**
     * JMeter's client is slower than the native engine's (HttpClient 4 per thread, whole milliseconds
     * truncated), so the two do not measure the same latency: this checks counts exactly and that the
     * median is the target's delay plus a few milliseconds of client overhead in both, and prints the
     * percentiles side by side for the record.
     */
    @Test
    void jmeterRun_nativeRunOfTheSameRequests_countsExactAndMediansClose() throws Exception {
        WorkerResult jmeter;
        long jmeterServed;
        try (CountingTarget target = CountingTarget.start(DELAY_MILLIS)) {
            jmeter = runPlan(target);
            jmeterServed = target.requests("/slow");
        }
        WorkerResult nativeRun;
        long nativeServed;
        try (CountingTarget target = CountingTarget.start(DELAY_MILLIS)) {
            URI uri = URI.create(target.baseUrl() + "/slow");
            LoadPlan plan = new LoadPlan(LoadPlan.RunIdentity.standalone(),
                    List.of(new Step("slow", "GET", uri, Endpoint.of(uri), Map.of(), null, new int[0], null, List.of())),
                    new LoadModel.Closed(USERS, 0, LOOPS * (DELAY_MILLIS + 1) * 1_000_000L, 0), 0,
                    LoadPlan.DEFAULT_CONNECT_TIMEOUT_NANOS, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false);
            nativeRun = new LoadEngine(Clock.systemUTC()).start(plan, RunListener.NONE).awaitResult();
            nativeServed = target.requests("/slow");
        }
        LabelResult j = jmeter.labels().get("slow");
        LabelResult n = nativeRun.labels().get("slow");
        assertThat(j.requests()).isEqualTo(USERS * LOOPS).isEqualTo(jmeterServed);
        assertThat(n.requests()).isPositive().isEqualTo(nativeServed);
        StringBuilder table = new StringBuilder("JMeter vs native, GET with a " + DELAY_MILLIS + " ms delay, " + USERS + " users:");
        for (double p : PERCENTILES) {
            table.append(String.format(" p%.0f %.3f/%.3f ms;", p, j.responseTime().getValueAtPercentile(p) / 1000.0,
                    n.responseTime().getValueAtPercentile(p) / 1000.0));
        }
        System.out.println(table);
        double jmeterMedian = j.responseTime().getValueAtPercentile(50) / 1000.0;
        double nativeMedian = n.responseTime().getValueAtPercentile(50) / 1000.0;
        assertThat(jmeterMedian).isBetween((double) DELAY_MILLIS, DELAY_MILLIS + 10.0);
        assertThat(nativeMedian).isBetween((double) DELAY_MILLIS, DELAY_MILLIS + 10.0);
        assertThat(jmeterMedian).isCloseTo(nativeMedian, within(5.0));
    }

    private WorkerResult runPlan(CountingTarget target) throws Exception {
        Path plan = ScriptFixtures.copy("jmeter-compare", dir, Map.of("PORT", String.valueOf(target.port()),
                "THREADS", String.valueOf(USERS), "LOOPS", String.valueOf(LOOPS),
                "JTL", dir.resolve("results.jtl").toString())).resolve("plan.jmx");
        return ScriptFixtures.run(new JMeterRunner(plan, List.of(), ScriptLoad.asWritten()), RunListener.NONE, 60);
    }

    /** The elapsed column of JMeter's CSV results file, sorted. */
    private static long[] jtlElapsedMillis(Path jtl) throws Exception {
        List<String> lines = Files.readAllLines(jtl, StandardCharsets.UTF_8);
        int column = Arrays.asList(lines.getFirst().split(",")).indexOf("elapsed");
        assertThat(column).as("elapsed column in " + lines.getFirst()).isNotNegative();
        return lines.stream().skip(1).filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.split(",")[column])).sorted().toArray();
    }

    /** The smallest value with at least {@code p} percent of the values at or below it (HdrHistogram's definition). */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
