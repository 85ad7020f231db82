package dlt.loadtester.engine;

import static dlt.loadtester.engine.EngineRuns.MS;
import static dlt.loadtester.engine.EngineRuns.SECOND;
import static dlt.loadtester.engine.EngineRuns.closed;
import static dlt.loadtester.engine.EngineRuns.get;
import static dlt.loadtester.engine.EngineRuns.run;
import static dlt.loadtester.engine.EngineRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dlt.core.result.LabelResult;
import dlt.core.result.LatencyStats;
import dlt.core.result.WorkerResult;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import dlt.loadtester.target.SampleTarget;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine against the sample target: closed model, labels, status codes, checks and extraction. */
class LoadEngineTest {
    private static SampleTarget target;

    @BeforeAll
    static void startTarget() {
        target = SampleTarget.start(0);
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void run_closedModel_everyRequestSucceedsAndIsAccountedFor() throws Exception {
        LoadPlan plan = closed(4, SECOND, get("fast", target.baseUri().resolve("/fast")),
                get("bytes", target.baseUri().resolve("/bytes/2048")));

        WorkerResult result = run(plan);

        LabelResult total = result.total();
        assertThat(result.complete()).isTrue();
        assertThat(total.requests()).isGreaterThan(20);
        assertThat(total.successes()).isEqualTo(total.requests());
        assertThat(total.failures()).isZero();
        assertThat(total.statusCodes()).containsExactly(Map.entry(200, total.requests()));
        assertThat(result.labels()).containsOnlyKeys("fast", "bytes");
        assertThat(result.labels().get("bytes").bytesReceived()).isGreaterThan(2048 * result.labels().get("bytes").requests());
        assertThat(total.bytesSent()).isPositive();
        assertThat(result.maxUsers()).isEqualTo(4);
        assertThat(result.warmUpTotal()).isNull();
        assertThat(result.measured().seconds()).isCloseTo(1.0, within(0.1));
        assertThat(EngineRuns.timelineRequests(result)).isEqualTo(total.requests());
        assertThat(total.responseTime().getTotalCount()).isEqualTo(total.requests());
        assertThat(total.serviceTime().getTotalCount()).isEqualTo(total.requests());
        assertThat(total.timeToFirstByte().getTotalCount()).isEqualTo(total.requests());
        assertThat(total.connectTime().getTotalCount()).isBetween(4L, 8L);
        LatencyStats t = LatencyStats.of(total.responseTime());
        assertThat(t.min()).isPositive();
        assertThat(t.min()).isLessThanOrEqualTo(t.p50());
        assertThat(t.p50()).isLessThanOrEqualTo(t.p90());
        assertThat(t.p90()).isLessThanOrEqualTo(t.p95());
        assertThat(t.p95()).isLessThanOrEqualTo(t.p99());
        assertThat(t.p99()).isLessThanOrEqualTo(t.max());
        assertThat(t.max()).isLessThan(1000);
    }

    @Test
    void run_closedModelWithRampUp_usersStartedOverTheRampAndCounted() throws Exception {
        LoadPlan plan = EngineRuns.plan(new LoadModel.Closed(4, SECOND, SECOND / 2, 0), 0,
                LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false, get("fast", target.baseUri().resolve("/fast")));

        WorkerResult result = run(plan);

        assertThat(result.complete()).isTrue();
        assertThat(result.measured().seconds()).isCloseTo(1.5, within(0.1));
        assertThat(result.total().failures()).isZero();
        assertThat(result.total().connectTime().getTotalCount()).isEqualTo(4);
    }

    @Test
    void run_thinkTime_pacesEachUser() throws Exception {
        LoadPlan plan = EngineRuns.plan(new LoadModel.Closed(2, 0, SECOND, 100 * MS), 0,
                LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false, get("fast", target.baseUri().resolve("/fast")));

        WorkerResult result = run(plan);

        assertThat(result.total().requests()).isBetween(14L, 22L);
    }

    @Test
    void run_statusNotFound_countedByStatusAndAsHttp4xx() throws Exception {
        WorkerResult result = run(closed(2, SECOND, get("missing", target.baseUri().resolve("/status/404"))));

        long n = result.total().requests();
        assertThat(n).isPositive();
        assertThat(result.total().statusCodes()).containsExactly(Map.entry(404, n));
        assertThat(result.total().errors()).containsExactly(Map.entry("http_4xx", n));
        assertThat(result.total().failures()).isEqualTo(n);
    }

    @Test
    void run_serverErrors_countedAsHttp5xx() throws Exception {
        WorkerResult result = run(closed(2, SECOND / 2, get("broken", target.baseUri().resolve("/status/503"))));

        long n = result.total().requests();
        assertThat(result.total().statusCodes()).containsExactly(Map.entry(503, n));
        assertThat(result.total().errors()).containsExactly(Map.entry("http_5xx", n));
    }

    @Test
    void run_checks_passAndFailCountedPerLabel() throws Exception {
        Step pass = step("pass", "GET", target.baseUri().resolve("/fast"), Map.of(), null, new int[] {200}, "\"ok\"", List.of());
        Step badStatus = step("bad-status", "GET", target.baseUri().resolve("/fast"), Map.of(), null, new int[] {201, 202}, null, List.of());
        Step badBody = step("bad-body", "GET", target.baseUri().resolve("/fast"), Map.of(), null, new int[] {200}, "nope", List.of());
        Step expected404 = step("expected-404", "GET", target.baseUri().resolve("/status/404"), Map.of(), null, new int[] {404}, null, List.of());

        WorkerResult result = run(closed(2, SECOND, pass, badStatus, badBody, expected404));

        LabelResult ok = result.labels().get("pass");
        assertThat(ok.requests()).isPositive();
        assertThat(ok.checksPassed()).isEqualTo(ok.requests());
        assertThat(ok.checksFailed()).isZero();
        assertThat(ok.failures()).isZero();
        LabelResult status = result.labels().get("bad-status");
        assertThat(status.errors()).containsExactly(Map.entry("check_status", status.requests()));
        assertThat(status.checksFailed()).isEqualTo(status.requests());
        assertThat(status.statusCodes()).containsExactly(Map.entry(200, status.requests()));
        LabelResult body = result.labels().get("bad-body");
        assertThat(body.errors()).containsExactly(Map.entry("check_body", body.requests()));
        assertThat(body.checksFailed()).isEqualTo(body.requests());
        LabelResult notFound = result.labels().get("expected-404");
        assertThat(notFound.failures()).isZero();
        assertThat(notFound.checksPassed()).isEqualTo(notFound.requests());
        assertThat(result.total().checksFailed()).isEqualTo(status.requests() + body.requests());
    }

    @Test
    void run_tokenExtractedFromLogin_usedByNextRequest() throws Exception {
        Step login = step("login", "POST", target.baseUri().resolve("/login"), Map.of("Content-Type", "application/json"),
                "{\"user\":\"demo\"}", new int[] {200}, null,
                List.of(new Step.Extraction("token", Pattern.compile("\"token\":\"([^\"]+)\""), null)));
        Step me = step("me", "GET", target.baseUri().resolve("/me"), Map.of("Authorization", "Bearer ${token}"), null,
                new int[0], null, List.of());

        WorkerResult result = run(closed(2, SECOND, login, me));

        LabelResult meResult = result.labels().get("me");
        assertThat(meResult.requests()).isPositive();
        assertThat(meResult.statusCodes()).containsExactly(Map.entry(200, meResult.requests()));
        assertThat(result.labels().get("login").failures()).isZero();
        assertThat(result.total().failures()).isZero();
    }

    @Test
    void run_extractionFindsNothing_countedAsExtractFailed() throws Exception {
        Step fast = step("fast", "GET", target.baseUri().resolve("/fast"), Map.of(), null, new int[0], null,
                List.of(new Step.Extraction("id", Pattern.compile("\"id\":(\\d+)"), null)));

        WorkerResult result = run(closed(1, SECOND / 2, fast));

        EngineRuns.assertAllFailedWith(result, "extract_failed");
    }

    @Test
    void run_chunkedAndClosingResponses_readCompletely() throws Exception {
        WorkerResult result = run(closed(2, SECOND, get("chunked", target.baseUri().resolve("/chunked?n=5000")),
                get("close", target.baseUri().resolve("/close"))));

        assertThat(result.total().failures()).isZero();
        LabelResult chunked = result.labels().get("chunked");
        assertThat(chunked.bytesReceived()).isGreaterThan(5000 * chunked.requests());
        LabelResult close = result.labels().get("close");
        assertThat(close.requests()).isPositive();
        assertThat(result.total().connectTime().getTotalCount()).isBetween(close.requests() - 2, close.requests() + 2);
    }
}
