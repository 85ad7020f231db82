package dlt.loadtester.script;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.result.LabelResult;
import dlt.core.result.WorkerResult;
import dlt.loadtester.engine.RunListener;
import dlt.loadtester.engine.SampleRecorder;
import dlt.loadtester.plan.LoadPlan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * k6's JSON output, as its documentation describes it (Metric and Point lines, milliseconds with
 * fractions, tags name/status/expected_response/error), written by hand in
 * {@code scripts/k6/recorded-output.json}, the last line cut short as when k6 is killed mid-write.
 */
class K6JsonOutputTest {

    @Test
    void accept_recordedOutput_oneRequestPerHttpReqDurationPointByName() throws Exception {
        SampleRecorder recorder = SampleRecorder.start(LoadPlan.RunIdentity.standalone(), 0, RunListener.NONE, Clock.systemUTC());
        K6JsonOutput output = new K6JsonOutput();
        for (String line : recorded()) output.accept(line, recorder);
        WorkerResult result = recorder.finish(true);

        assertThat(result.labels().keySet()).containsExactlyInAnyOrder("home", "http://127.0.0.1:8401/cart", "down");
        LabelResult home = result.labels().get("home");
        assertThat(home.requests()).isEqualTo(3);
        assertThat(home.failures()).isZero();
        assertThat(home.statusCodes()).containsEntry(200, 3L);
        assertThat(equivalent(home.responseTime(), home.responseTime().getMinValue(), 12_345)).isTrue();
        assertThat(equivalent(home.responseTime(), home.responseTime().getMaxValue(), 30_750)).isTrue();

        LabelResult cart = result.labels().get("http://127.0.0.1:8401/cart");
        assertThat(cart.requests()).isEqualTo(1);
        assertThat(cart.errors()).containsEntry("http_5xx", 1L);

        LabelResult down = result.labels().get("down");
        assertThat(down.failures()).isEqualTo(1);
        assertThat(down.errors()).containsEntry("connect_refused", 1L);

        assertThat(result.total().requests()).isEqualTo(5);
        assertThat(output.skippedLines()).isEqualTo(1);
    }

    private static boolean equivalent(Histogram h, long recorded, long micros) {
        return h.valuesAreEquivalent(recorded, micros);
    }

    static List<String> recorded() throws Exception {
        try (InputStream in = K6JsonOutputTest.class.getResourceAsStream("/scripts/k6/recorded-output.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
