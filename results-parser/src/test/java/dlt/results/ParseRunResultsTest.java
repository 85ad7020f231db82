package dlt.results;

import static dlt.results.Workers.RUN_ID;
import static dlt.results.Workers.TEST_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.port.NotFoundException;
import dlt.core.port.StorageKeys;
import dlt.core.result.Histograms;
import dlt.core.result.LatencyStats;
import dlt.core.result.RunSummary;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import dlt.results.ParseResultsInput.Outcome;
import dlt.results.Workers.Platform;
import dlt.results.Workers.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ParseRunResultsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> LABELS = List.of("cart", "home", "login");
    private static final String NO_THRESHOLDS = "{}";

    private static ParseResultsInput input(Map<String, List<String>> launched, Outcome outcome) {
        return new ParseResultsInput(Workers.input(Map.of("us-east-1", 2, "eu-west-1", 1)), launched, outcome, null);
    }

    private static Map<String, List<String>> launched() {
        return Map.of("us-east-1", List.of("task-a", "task-b"), "eu-west-1", List.of("task-c"));
    }

    /** Three workers in two regions; every sample also returned, to check the merge against. */
    private static List<Sample> putThreeWorkers(Platform platform) {
        List<Sample> a = Workers.samples(1, 3_000, LABELS, 40, 50);
        List<Sample> b = Workers.samples(2, 2_000, LABELS, 80, 0);
        List<Sample> c = Workers.samples(3, 1_500, LABELS, 200, 20);
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true, a));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-b", 5, true, b));
        Workers.put(platform.store, Workers.worker("eu-west-1", "task-c", 3, true, c));
        List<Sample> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static JsonNode resultsJson(Platform platform) throws Exception {
        return json(platform.object(StorageKeys.runResults(TEST_ID, RUN_ID)));
    }

    private static Histogram fedEveryValue(List<Sample> samples, String label) {
        Histogram histogram = Histograms.newDetailed();
        samples.stream().filter(s -> label == null || s.label().equals(label))
                .forEach(s -> Histograms.record(histogram, s.micros()));
        return histogram;
    }

    @Test
    void parse_workerFiles_percentilesEqualOneHistogramFedEveryValue() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        List<Sample> all = putThreeWorkers(platform);

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        JsonNode results = resultsJson(platform);
        RunSummary summary = RunSummary.fromJson(results.get("summary").toString());
        assertThat(summary.responseTimeMs()).isEqualTo(LatencyStats.of(fedEveryValue(all, null)));
        assertThat(summary.label("login").orElseThrow().responseTimeMs())
                .isEqualTo(LatencyStats.of(fedEveryValue(all, "login")));
        Histogram reference = fedEveryValue(all, null);
        JsonNode total = results.get("results").get("total");
        assertThat(total.get("p95_0").asDouble()).isEqualTo(reference.getValueAtPercentile(95) / 1e6);
        assertThat(total.get("p100_0").asDouble()).isEqualTo(reference.getMaxValue() / 1e6);
        assertThat(total.get("p0_0").asDouble()).isEqualTo(reference.getValueAtPercentile(0) / 1e6);
    }

    @Test
    void parse_workerFiles_dltFieldsInSecondsAndCountsAddUp() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        List<Sample> all = putThreeWorkers(platform);

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        JsonNode dlt = resultsJson(platform).get("results");
        assertThat(dlt.fieldNames()).toIterable().containsExactly("total", "eu-west-1", "us-east-1");
        for (JsonNode scope : dlt) {
            assertCountsAddUp(scope);
            for (JsonNode label : scope.get("labels")) {
                assertCountsAddUp(label);
            }
        }
        JsonNode total = dlt.get("total");
        assertThat(total.get("throughput").asLong()).isEqualTo(all.size());
        assertThat(total.get("concurrency").asLong()).isEqualTo(13);
        assertThat(total.get("testDuration").asLong()).isEqualTo(10);
        double meanMs = all.stream().mapToLong(Sample::micros).average().orElseThrow() / 1000;
        assertThat(total.get("avg_rt").asDouble()).isCloseTo(meanMs / 1000, org.assertj.core.data.Offset.offset(0.001));
        assertThat(total.get("avg_lt").asDouble()).isLessThan(total.get("avg_rt").asDouble());
        assertThat(total.get("avg_ct").asDouble()).isLessThan(total.get("avg_lt").asDouble());
        assertThat(total.get("bytes").asLong()).isEqualTo(1000L * all.size());
        assertThat(total.get("labels")).extracting(l -> l.get("label").asText()).containsExactlyInAnyOrder("cart", "home", "login");
        assertThat(total.get("rc")).extracting(rc -> rc.get("code").asText()).containsExactly("500", "connect_refused");
    }

    private static void assertCountsAddUp(JsonNode stats) {
        long throughput = stats.get("throughput").asLong();
        assertThat(throughput).isEqualTo(stats.get("succ").asLong() + stats.get("fail").asLong());
        long inRc = 0;
        for (JsonNode rc : stats.get("rc")) {
            inRc += rc.get("count").asLong();
        }
        // every success here answered 200 or 201, DLT's accepted codes; every failure is in rc
        assertThat(stats.get("succ").asLong() + inRc).isEqualTo(throughput);
    }

    @Test
    void parse_twoRegions_regionsAddUpToTotal() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        putThreeWorkers(platform);

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        JsonNode results = resultsJson(platform);
        JsonNode dlt = results.get("results");
        assertThat(dlt.get("us-east-1").get("throughput").asLong()).isEqualTo(5_000);
        assertThat(dlt.get("eu-west-1").get("throughput").asLong()).isEqualTo(1_500);
        assertThat(dlt.get("us-east-1").get("concurrency").asLong()).isEqualTo(10);
        RunSummary us = RunSummary.fromJson(results.get("regions").get("us-east-1").toString());
        RunSummary eu = RunSummary.fromJson(results.get("regions").get("eu-west-1").toString());
        RunSummary total = RunSummary.fromJson(results.get("summary").toString());
        assertThat(us.requests() + eu.requests()).isEqualTo(total.requests());
        assertThat(us.failures() + eu.failures()).isEqualTo(total.failures());
        JsonNode timeline = results.get("timeline");
        long timelineRequests = 0;
        for (JsonNode n : timeline.get("total").get("requests")) {
            timelineRequests += n.asLong();
        }
        assertThat(timelineRequests).isEqualTo(6_500);
        assertThat(timeline.get("total").get("users").get(0).asInt()).isEqualTo(13);
        assertThat(timeline.get("us-east-1").get("p95")).hasSize(10);
    }

    @Test
    void parse_timelinePercentiles_comeFromMergedHistograms() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        List<Sample> all = putThreeWorkers(platform);

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        // worker timelines put sample i into second i % 10; the three workers line up on the same seconds
        Histogram second3 = Histograms.newCoarse();
        List<List<Sample>> perWorker = List.of(all.subList(0, 3_000), all.subList(3_000, 5_000), all.subList(5_000, 6_500));
        for (List<Sample> worker : perWorker) {
            for (int i = 3; i < worker.size(); i += 10) {
                Histograms.record(second3, worker.get(i).micros());
            }
        }
        JsonNode p99 = resultsJson(platform).get("timeline").get("total").get("p99");
        assertThat(p99.get(3).asDouble()).isEqualTo(second3.getValueAtPercentile(99) / 1000.0);
    }

    @Test
    void parse_thresholds_verdictRecordedAndStatusStaysComplete() throws Exception {
        Platform platform = new Platform(Workers.scenario("""
                {"response_time": ["p(95)<10ms", "p(99)<60s"], "error_rate": ["<50%"]}"""));
        putThreeWorkers(platform);

        ParseResultsOutput output = platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        assertThat(output.status()).isEqualTo("complete");
        TestRun run = platform.run();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
        RunSummary summary = RunSummary.fromJson(run.summary());
        assertThat(summary.thresholds().passed()).isFalse();
        assertThat(summary.thresholds().results()).extracting(r -> r.expression() + "=" + r.passed())
                .containsExactly("p(95)<10ms=false", "p(99)<60s=true", "<50%=true");
        JsonNode stored = resultsJson(platform).get("summary").get("thresholds");
        assertThat(stored.get("passed").asBoolean()).isFalse();
    }

    @Test
    void parse_missingAndDamagedFiles_partialWithTheirTaskIds() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true,
                Workers.samples(1, 500, LABELS, 40, 0)));
        platform.store.put(StorageKeys.workerResult(TEST_ID, RUN_ID, "us-east-1", "task-b"),
                "{\"version\": 1, \"testId\": ".getBytes(StandardCharsets.UTF_8), "application/json");

        ParseResultsOutput output = platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        assertThat(output.partial()).isTrue();
        assertThat(output.status()).isEqualTo("complete");
        TestRun run = platform.run();
        assertThat(run.partial()).isTrue();
        assertThat(run.missingTasks()).containsExactly("task-c", "task-b");
        assertThat(run.errorReason()).contains("task-b", "task-c", "not valid JSON");
        JsonNode tasks = resultsJson(platform).get("tasks");
        assertThat(tasks.get("damaged").get(0).get("taskId").asText()).isEqualTo("task-b");
        assertThat(tasks.get("received").asInt()).isEqualTo(1);
        assertThat(tasks.get("expected").asInt()).isEqualTo(3);
        assertThat(resultsJson(platform).get("results").get("total").get("throughput").asLong()).isEqualTo(500);
    }

    @Test
    void parse_withoutLaunchedTaskIds_countsTasksPerRegion() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true,
                Workers.samples(1, 500, LABELS, 40, 0)));

        platform.useCase().parse(input(null, Outcome.COMPLETE));

        assertThat(platform.run().missingTasks())
                .containsExactly("eu-west-1: 0 of 1 tasks sent results", "us-east-1: 1 of 2 tasks sent results");
    }

    @Test
    void parse_fileOfAnotherTask_isLeftOutAsDamaged() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        putThreeWorkers(platform);
        byte[] other = platform.store.get(StorageKeys.workerResult(TEST_ID, RUN_ID, "us-east-1", "task-a")).orElseThrow();
        platform.store.put(StorageKeys.workerResult(TEST_ID, RUN_ID, "us-east-1", "task-b"), other, "application/json");

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        assertThat(platform.run().missingTasks()).containsExactly("task-b");
        assertThat(platform.run().errorReason()).contains("holds the result of task task-a");
    }

    @Test
    void parse_cancelledRun_resultsOfWhatRanAndStatusCancelled() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, false,
                Workers.samples(1, 400, LABELS, 40, 0)));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-b", 5, false,
                Workers.samples(2, 300, LABELS, 40, 0)));
        Workers.put(platform.store, Workers.worker("eu-west-1", "task-c", 3, false,
                Workers.samples(3, 100, LABELS, 40, 0)));

        ParseResultsOutput output = platform.useCase().parse(new ParseResultsInput(
                Workers.input(Map.of("us-east-1", 2, "eu-west-1", 1)), launched(), Outcome.CANCELLED, "cancelled by the user"));

        assertThat(output.status()).isEqualTo("cancelled");
        TestRun run = platform.run();
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.partial()).isTrue();
        assertThat(run.errorReason()).startsWith("cancelled by the user");
        assertThat(RunSummary.fromJson(run.summary()).requests()).isEqualTo(800);
        assertThat(resultsJson(platform).get("tasks").get("incomplete")).hasSize(3);
        assertThat(platform.scenarios.find(TEST_ID).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void parse_noFilesAtAll_failedWithAClearReason() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));

        ParseResultsOutput output = platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        assertThat(output.status()).isEqualTo("failed");
        assertThat(output.partial()).isTrue();
        TestRun run = platform.run();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorReason()).contains("no worker sent a usable result file");
        assertThat(run.missingTasks()).containsExactly("task-c", "task-a", "task-b");
        assertThat(run.results()).isNull();
        assertThat(platform.store.get(StorageKeys.runResults(TEST_ID, RUN_ID))).isEmpty();
        assertThat(platform.scenarios.find(TEST_ID).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void parse_failedOutcome_keepsTheGivenReasonAndTheResults() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        putThreeWorkers(platform);

        platform.useCase().parse(new ParseResultsInput(Workers.input(Map.of("us-east-1", 2, "eu-west-1", 1)),
                launched(), Outcome.FAILED, "completion deadline passed"));

        TestRun run = platform.run();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorReason()).isEqualTo("completion deadline passed");
        assertThat(run.succPercent()).isNotNull();
    }

    @Test
    void parse_success_itemAndScenarioHoldTheBoundedResults() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        List<Sample> all = putThreeWorkers(platform);

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        TestRun run = platform.run();
        long successes = all.stream().filter(s -> s.error() == null).count();
        assertThat(run.succPercent()).isEqualTo(Math.round(successes * 10_000.0 / all.size()) / 100.0);
        assertThat(json(run.results()).get("total").get("throughput").asLong()).isEqualTo(all.size());
        assertThat(RunSummary.fromJson(run.summary()).requests()).isEqualTo(all.size());
        assertThat(run.partial()).isFalse();
        assertThat(run.missingTasks()).isEmpty();
        assertThat(platform.scenarios.find(TEST_ID).orElseThrow().results()).isEqualTo(run.results());
        assertThat(platform.store.get(StorageKeys.report(TEST_ID, RUN_ID))).isPresent();
        assertThat(platform.store.get(StorageKeys.junit(TEST_ID, RUN_ID))).isPresent();
    }

    @Test
    void parse_terminalStatus_isWrittenLast() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        putThreeWorkers(platform);
        RecordingPorts ports = new RecordingPorts(platform);

        new ParseRunResults(ports.store, ports.runs, ports.scenarios, platform.clock)
                .parse(input(launched(), Outcome.COMPLETE));

        List<String> writes = ports.writes;
        assertThat(writes.subList(writes.size() - 2, writes.size()))
                .containsExactly("runs.updateStatus complete", "scenarios.updateRunStatus complete");
        assertThat(writes).containsSubsequence("runs.updateStatus parsing results", "store.put results.json",
                "store.put report.html", "store.put junit.xml", "runs.saveResults", "scenarios.put",
                "runs.updateStatus complete");
        assertThat(writes.stream().filter(w -> w.contains("complete"))).hasSize(2);
    }

    @Test
    void parse_sameRunTwice_identicalResultsAndItem() {
        Platform platform = new Platform(Workers.scenario("""
                {"response_time": ["p(95)<300ms"]}"""));
        putThreeWorkers(platform);
        ParseRunResults useCase = platform.useCase();

        useCase.parse(input(launched(), Outcome.COMPLETE));
        byte[] results = platform.store.get(StorageKeys.runResults(TEST_ID, RUN_ID)).orElseThrow();
        byte[] report = platform.store.get(StorageKeys.report(TEST_ID, RUN_ID)).orElseThrow();
        byte[] junit = platform.store.get(StorageKeys.junit(TEST_ID, RUN_ID)).orElseThrow();
        TestRun item = platform.run();
        ParseResultsOutput again = useCase.parse(input(launched(), Outcome.COMPLETE));

        assertThat(platform.store.get(StorageKeys.runResults(TEST_ID, RUN_ID)).orElseThrow()).isEqualTo(results);
        assertThat(platform.store.get(StorageKeys.report(TEST_ID, RUN_ID)).orElseThrow()).isEqualTo(report);
        assertThat(platform.store.get(StorageKeys.junit(TEST_ID, RUN_ID)).orElseThrow()).isEqualTo(junit);
        assertThat(platform.run()).isEqualTo(item);
        assertThat(again.status()).isEqualTo("complete");
    }

    @Test
    void parse_runAlreadyTerminal_statusNotOverwritten() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        putThreeWorkers(platform);
        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        ParseResultsOutput output = platform.useCase().parse(input(launched(), Outcome.FAILED));

        assertThat(output.status()).isEqualTo("complete");
        assertThat(platform.run().status()).isEqualTo(RunStatus.COMPLETE);
    }

    @Test
    void parse_500Labels_itemStaysWellUnder100KB() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            labels.add("GET /api/v1/catalogue/products/" + i + "/reviews?page=" + i + "&size=20&sort=newest");
        }
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true, Workers.samples(1, 5_000, labels, 40, 30)));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-b", 5, true, Workers.samples(2, 5_000, labels, 40, 30)));
        Workers.put(platform.store, Workers.worker("eu-west-1", "task-c", 3, true, Workers.samples(3, 5_000, labels, 40, 30)));

        platform.useCase().parse(input(launched(), Outcome.COMPLETE));

        TestRun run = platform.run();
        int itemBytes = run.results().getBytes(StandardCharsets.UTF_8).length
                + run.summary().getBytes(StandardCharsets.UTF_8).length;
        assertThat(itemBytes).isLessThan(100_000);
        assertThat(json(run.results()).get("total").get("labels").size()).isBetween(1, ItemSummary.MAX_LABELS);
        assertThat(RunSummary.fromJson(run.summary()).requests()).isEqualTo(15_000);
        assertThat(resultsJson(platform).get("results").get("total").get("labels")).hasSize(500);
        String scenarioResults = platform.scenarios.find(TEST_ID).orElseThrow().results();
        assertThat(scenarioResults.length()).isLessThan(ItemSummary.MAX_BYTES + 1);
    }

    @Test
    void parse_unknownRun_notFound() {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        ParseResultsInput other = new ParseResultsInput(new dlt.core.run.StateMachineInput(TEST_ID, "nope", "simple",
                "none", false, 10, List.of()), null, Outcome.COMPLETE, null);

        assertThatThrownBy(() -> platform.useCase().parse(other)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void parse_busiestLabelsKeptInTheItem_orderedByRequests() throws Exception {
        Platform platform = new Platform(Workers.scenario(NO_THRESHOLDS));
        List<Sample> samples = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            counts.put(String.format("label-%02d", i), i + 1);
        }
        counts.forEach((label, n) -> {
            for (int k = 0; k < n; k++) {
                samples.add(new Sample(label, 1000 + k, 200, null));
            }
        });
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true, samples));

        platform.useCase().parse(input(Map.of("us-east-1", List.of("task-a")), Outcome.COMPLETE));

        JsonNode labels = json(platform.run().results()).get("total").get("labels");
        assertThat(labels).hasSize(50);
        assertThat(labels.get(0).get("label").asText()).isEqualTo("label-59");
        assertThat(labels.get(49).get("label").asText()).isEqualTo("label-10");
    }
}
