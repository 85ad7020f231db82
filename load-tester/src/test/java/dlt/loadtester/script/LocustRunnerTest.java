package dlt.loadtester.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
import dlt.core.script.ScriptTools;
import dlt.loadtester.engine.RunListener;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code locust} program (CI installs it); skipped where it is not installed. */
class LocustRunnerTest {
    private static final long DELAY_MILLIS = 20;

    @TempDir
    Path dir;

    @Test
    void run_locustfileWithTwoTasks_recordsEveryRequestWithLocustsExactLatency() throws Exception {
        Path locust = ScriptTools.onPath(System.getenv("PATH")).locust();
        assumeTrue(locust != null, "locust is not installed (apt-get install python3-locust)");
        try (CountingTarget target = CountingTarget.start(DELAY_MILLIS)) {
            Path locustfile = ScriptFixtures.copy("locust", dir, Map.of()).resolve("locustfile.py");
            ScriptLoad load = new ScriptLoad(3, 0, 3_000_000_000L, target.baseUrl());

            WorkerResult result = ScriptFixtures.run(new LocustRunner(locust, locustfile, load), RunListener.NONE, 60);

            assertThat(result.labels().keySet()).containsExactlyInAnyOrder("browse", "missing item");
            LabelResult browse = result.labels().get("browse");
            LabelResult missing = result.labels().get("missing item");
            // every request the target answered was recorded once, under the name the script gives it
            assertThat(browse.requests()).isPositive().isEqualTo(target.requests("/slow"));
            assertThat(missing.requests()).isPositive().isEqualTo(target.requests("/item/404"));
            assertThat(browse.failures()).isZero();
            assertThat(missing.failures()).isEqualTo(missing.requests());
            assertThat(missing.errors()).containsEntry("http_4xx", missing.requests());
            assertThat(missing.statusCodes()).containsEntry(404, missing.requests());
            // Locust's own measurement, not a rounded one: at least the target's delay, with fractions of a ms
            assertThat(browse.responseTime().getMinValue()).isGreaterThanOrEqualTo(DELAY_MILLIS * 1000);
            boolean fractions = false;
            for (HistogramIterationValue v : browse.responseTime().recordedValues()) {
                if (v.getValueIteratedTo() % 1000 != 0) fractions = true;
            }
            assertThat(fractions).as("latencies keep their fractions of a millisecond").isTrue();
            assertThat(result.maxUsers()).isEqualTo(3);
        }
    }
}
