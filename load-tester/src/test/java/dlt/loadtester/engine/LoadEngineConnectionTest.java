package dlt.loadtester.engine;

import static dlt.loadtester.engine.EngineRuns.MS;
import static dlt.loadtester.engine.EngineRuns.SECOND;
import static dlt.loadtester.engine.EngineRuns.closed;
import static dlt.loadtester.engine.EngineRuns.get;
import static dlt.loadtester.engine.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.result.LatencyStats;
import dlt.core.result.WorkerResult;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.target.SampleTarget;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** How the engine uses connections, and what it records when the network or the server lets it down. */
class LoadEngineConnectionTest {

    @Test
    void run_manyRequestsPerUser_oneKeptAliveConnectionPerUser() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            WorkerResult result = run(closed(5, SECOND, get("root", server.uri("/"))));

            assertThat(result.total().requests()).isGreaterThan(100);
            assertThat(result.total().failures()).isZero();
            assertThat(server.connections()).isEqualTo(5);
            assertThat(server.requests()).isEqualTo((int) result.total().requests());
            assertThat(result.total().connectTime().getTotalCount()).isEqualTo(5);
        }
    }

    @Test
    void run_postWithBody_serverReadsEveryRequestOnTheSameConnection() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            WorkerResult result = run(closed(2, SECOND / 2, EngineRuns.step("post", "POST", server.uri("/submit"),
                    java.util.Map.of("Content-Type", "application/json"), "{\"n\":1}", new int[0], null, java.util.List.of())));

            assertThat(result.total().failures()).isZero();
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.requests()).isEqualTo((int) result.total().requests());
        }
    }

    @Test
    void run_responseSlowerThanTimeout_responseTimeoutErrorsAndEndsOnTime() throws Exception {
        try (SampleTarget target = SampleTarget.start(0)) {
            LoadPlan plan = EngineRuns.plan(new LoadModel.Closed(2, 0, SECOND, 0), 0, 300 * MS, false,
                    get("slow", target.baseUri().resolve("/slow?ms=2000")));
            long started = System.nanoTime();

            WorkerResult result = run(plan);

            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            EngineRuns.assertAllFailedWith(result, "response_timeout");
            assertThat(result.total().requests()).isBetween(4L, 10L);
            assertThat(LatencyStats.of(result.total().responseTime()).p50()).isBetween(300.0, 1500.0);
            assertThat(elapsedMillis).isLessThan(1000 + 300 + 700);
            assertThat(result.complete()).isTrue();
        }
    }

    @Test
    void run_nothingListening_connectRefusedWithoutHanging() throws Exception {
        URI closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        }
        long started = System.nanoTime();

        WorkerResult result = run(closed(2, SECOND, get("refused", closedPort)));

        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        EngineRuns.assertAllFailedWith(result, "connect_refused");
        assertThat(result.total().statusCodes()).isEmpty();
        assertThat(elapsedMillis).isLessThan(2500);
        assertThat(result.complete()).isTrue();
    }

    @Test
    void stop_midRun_incompleteResultQuicklyWithWhatWasMeasured() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            RunningTest test = EngineRuns.start(closed(2, 30 * SECOND, get("root", server.uri("/"))));
            long deadline = System.nanoTime() + 5 * SECOND;
            while (server.requests() < 50) {
                assertThat(System.nanoTime()).as("requests reach the server").isLessThan(deadline);
                Thread.sleep(10);
            }
            long stopped = System.nanoTime();

            test.stop();
            WorkerResult result = EngineRuns.awaitResult(test, java.time.Duration.ofSeconds(5));

            assertThat((System.nanoTime() - stopped) / 1_000_000).isLessThan(2000);
            assertThat(result.complete()).isFalse();
            assertThat(result.total().requests()).isGreaterThanOrEqualTo(50);
            assertThat(result.total().failures()).isZero();
            assertThat(result.measured().seconds()).isLessThan(10);
        }
    }
}
