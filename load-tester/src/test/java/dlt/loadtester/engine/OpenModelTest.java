package dlt.loadtester.engine;

import static dlt.loadtester.engine.EngineRuns.MS;
import static dlt.loadtester.engine.EngineRuns.SECOND;
import static dlt.loadtester.engine.EngineRuns.get;
import static dlt.loadtester.engine.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dlt.core.result.LatencyStats;
import dlt.core.result.WorkerResult;
import dlt.loadtester.plan.ArrivalSchedule;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The open model keeps its schedule whatever the target does, and measures from the intended send time. */
class OpenModelTest {

    @Test
    void run_fixedRate_sendsTheScheduledNumberOfRequests() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            LoadPlan plan = open(ArrivalSchedule.rampThenHold(200, 0, 2 * SECOND), 20, 0, server);

            WorkerResult result = run(plan);

            assertThat(result.total().requests()).isBetween(392L, 408L);
            assertThat(result.total().failures()).isZero();
            assertThat(result.droppedIterations()).isZero();
            assertThat(result.measured().seconds()).isCloseTo(2.0, within(0.1));
            assertThat(EngineRuns.timelineRequests(result)).isEqualTo(result.total().requests());
            assertThat(server.requests()).isEqualTo((int) result.total().requests());
        }
    }

    @Test
    void run_serverStallsForASecond_responseTimeShowsTheStallServiceTimeDoesNot() throws Exception {
        AtomicLong firstRequest = new AtomicLong();
        RawHttpServer.BeforeReply stallInTheMiddle = received -> {
            firstRequest.compareAndSet(0, received);
            long stallStart = firstRequest.get() + SECOND;
            long stallEnd = stallStart + SECOND;
            if (received >= stallStart && received < stallEnd) {
                Thread.sleep((stallEnd - received) / 1_000_000L + 1);
            }
        };
        try (RawHttpServer server = new RawHttpServer(stallInTheMiddle)) {
            LoadPlan plan = open(ArrivalSchedule.rampThenHold(100, 0, 3 * SECOND), 4, 0, server);

            WorkerResult result = run(plan);

            LatencyStats responseTime = LatencyStats.of(result.total().responseTime());
            LatencyStats serviceTime = LatencyStats.of(result.total().serviceTime());
            assertThat(result.total().requests()).isBetween(294L, 306L);
            assertThat(result.total().failures()).isZero();
            assertThat(result.lateIterations()).isGreaterThan(50);
            assertThat(responseTime.p99()).isGreaterThanOrEqualTo(800);
            assertThat(responseTime.p90()).isGreaterThan(300);
            assertThat(serviceTime.p50()).isLessThan(50);
            assertThat(serviceTime.p90()).isLessThan(100);
        }
    }

    @Test
    void run_warmUp_recordedApartFromTheMeasuredWindow() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            LoadPlan plan = open(ArrivalSchedule.rampThenHold(100, 0, SECOND), 10, SECOND, server);

            WorkerResult result = run(plan);

            assertThat(result.total().requests()).isEqualTo(100);
            assertThat(result.warmUpTotal()).isNotNull();
            assertThat(result.warmUpTotal().requests()).isEqualTo(100);
            assertThat(server.requests()).isEqualTo(200);
            assertThat(result.warmUp()).isNotNull();
            assertThat(result.warmUp().endEpochMs()).isEqualTo(result.measured().startEpochMs());
            assertThat(result.warmUp().seconds()).isCloseTo(1.0, within(0.01));
            assertThat(result.measured().seconds()).isCloseTo(1.0, within(0.1));
            assertThat(EngineRuns.timelineRequests(result)).isEqualTo(100);
        }
    }

    @Test
    void run_closedModelWarmUp_everyRequestInExactlyOneOfWarmUpAndTotal() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            LoadPlan plan = EngineRuns.plan(new LoadModel.Closed(2, 0, SECOND, 0), 500 * MS,
                    LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false, get("root", server.uri("/")));

            WorkerResult result = run(plan);

            assertThat(result.warmUpTotal().requests()).isPositive();
            assertThat(result.total().requests()).isPositive();
            assertThat(result.total().requests() + result.warmUpTotal().requests()).isEqualTo(server.requests());
            assertThat(result.labels().get("root").requests()).isEqualTo(result.total().requests());
            assertThat(EngineRuns.timelineRequests(result)).isEqualTo(result.total().requests());
            assertThat(result.measured().seconds()).isCloseTo(1.0, within(0.1));
        }
    }

    private static LoadPlan open(ArrivalSchedule schedule, int maxInFlight, long warmUpNanos, RawHttpServer server) {
        return EngineRuns.plan(new LoadModel.Open(schedule, maxInFlight, 0), warmUpNanos,
                LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false, get("root", server.uri("/")));
    }
}
