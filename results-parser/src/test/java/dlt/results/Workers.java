package dlt.results;

import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.port.memory.InMemoryObjectStore;
import dlt.core.port.memory.InMemoryScenarioRepository;
import dlt.core.port.memory.InMemoryTestRunRepository;
import dlt.core.result.Histograms;
import dlt.core.result.LabelResult;
import dlt.core.result.TimelinePoint;
import dlt.core.result.Window;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Worker result files and a stored run to parse them into, built from plain samples. */
final class Workers {
    static final String TEST_ID = "shop";
    static final String RUN_ID = "run0000001";
    static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");
    static final long START_MS = STARTED.toEpochMilli() + 5_000;
    static final int SECONDS = 10;

    /** One request: its label, response time (µs), HTTP status (0 for none) and error kind (null for success). */
    record Sample(String label, long micros, int status, String error) {
    }

    private Workers() {
    }

    static Scenario scenario(String thresholdsJson) {
        return ScenarioJson.parse("""
                {"testId": "%s", "testName": "Checkout <b>shop</b>", "testDescription": "buys one thing",
                 "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 5},
                                     {"region": "eu-west-1", "taskCount": 1, "concurrency": 3}],
                 "testScenario": {
                   "execution": [{"ramp-up": "0s", "hold-for": "10s", "scenario": "Checkout"}],
                   "scenarios": {"Checkout": {"requests": [{"url": "https://shop.example.com/cart", "method": "GET"}]}},
                   "thresholds": %s}}
                """.formatted(TEST_ID, thresholdsJson));
    }

    static StateMachineInput input(Map<String, Integer> taskCounts) {
        List<StateMachineInput.RegionRun> regions = new ArrayList<>();
        taskCounts.forEach((region, count) -> regions.add(new StateMachineInput.RegionRun(region, count, 5,
                "cluster", "taskdef", List.of("subnet-a"), "sg-1", "/dlt/" + region)));
        return new StateMachineInput(TEST_ID, RUN_ID, "simple", "none", false, SECONDS, regions);
    }

    /** Random-ish samples: log-normal times around {@code medianMs}, every {@code failEvery}th a 500. */
    static List<Sample> samples(long seed, int count, List<String> labels, double medianMs, int failEvery) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long micros = Math.max(1, Math.round(medianMs * 1000 * Math.exp(random.nextGaussian() * 0.6)));
            String label = labels.get(i % labels.size());
            if (failEvery > 0 && i % failEvery == failEvery - 1) {
                samples.add(i % (2 * failEvery) == failEvery - 1
                        ? new Sample(label, micros, 500, "http_5xx")
                        : new Sample(label, micros, 0, "connect_refused"));
            } else {
                samples.add(new Sample(label, micros, i % 7 == 0 ? 201 : 200, null));
            }
        }
        return samples;
    }

    static WorkerResult worker(String region, String taskId, int users, boolean complete, List<Sample> samples) {
        Map<String, List<Sample>> byLabel = new TreeMap<>();
        samples.forEach(s -> byLabel.computeIfAbsent(s.label(), l -> new ArrayList<>()).add(s));
        Map<String, LabelResult> labels = new LinkedHashMap<>();
        byLabel.forEach((label, list) -> labels.put(label, labelResult(list)));
        LabelResult total = labelResult(samples);
        List<TimelinePoint> timeline = new ArrayList<>();
        long firstSecond = START_MS / 1000;
        for (int second = 0; second < SECONDS; second++) {
            Histogram histogram = Histograms.newCoarse();
            long requests = 0;
            long failures = 0;
            for (int i = second; i < samples.size(); i += SECONDS) {
                Histograms.record(histogram, samples.get(i).micros());
                requests++;
                failures += samples.get(i).error() == null ? 0 : 1;
            }
            timeline.add(new TimelinePoint(firstSecond + second, 1, requests, failures, requests * 1000, users,
                    histogram));
        }
        return new WorkerResult(1, TEST_ID, RUN_ID, region, taskId,
                new Window(START_MS, START_MS + SECONDS * 1000L), null, null, complete, 0, 0, users, total, labels,
                timeline);
    }

    static LabelResult labelResult(List<Sample> samples) {
        Histogram rt = Histograms.newDetailed();
        Histogram st = Histograms.newDetailed();
        Histogram ct = Histograms.newDetailed();
        Histogram ttfb = Histograms.newDetailed();
        Map<Integer, Long> codes = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long failures = 0;
        for (Sample s : samples) {
            Histograms.record(rt, s.micros());
            Histograms.record(st, s.micros());
            Histograms.record(ct, s.micros() / 10);
            Histograms.record(ttfb, s.micros() / 2);
            if (s.status() > 0) {
                codes.merge(s.status(), 1L, Long::sum);
            }
            if (s.error() != null) {
                failures++;
                errors.merge(s.error(), 1L, Long::sum);
            }
        }
        return new LabelResult(samples.size(), samples.size() - failures, failures, codes, errors,
                100L * samples.size(), 1000L * samples.size(), 0, 0, rt, st, ct, ttfb);
    }

    static void put(ObjectStore store, WorkerResult result) {
        store.put(StorageKeys.workerResult(result.testId(), result.testRunId(), result.region(), result.taskId()),
                WorkerResultJson.write(result).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** The ports in memory, with the run stored as the API leaves it (running), and the use case over them. */
    static final class Platform {
        final InMemoryObjectStore store = new InMemoryObjectStore();
        final InMemoryTestRunRepository runs = new InMemoryTestRunRepository();
        final InMemoryScenarioRepository scenarios = new InMemoryScenarioRepository();
        final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:01:00Z"), ZoneOffset.UTC);

        Platform(Scenario scenario) {
            scenarios.put(StoredScenario.created(scenario, STARTED));
            scenarios.beginRun(TEST_ID, RUN_ID, STARTED);
            runs.create(TestRun.queued(scenario, RUN_ID, STARTED));
            runs.updateStatus(TEST_ID, RUN_ID, dlt.core.run.RunStatus.RUNNING, null, STARTED);
            scenarios.updateRunStatus(TEST_ID, RUN_ID, dlt.core.run.RunStatus.RUNNING, null, STARTED);
        }

        ParseRunResults useCase() {
            return new ParseRunResults(store, runs, scenarios, clock);
        }

        TestRun run() {
            return runs.find(TEST_ID, RUN_ID).orElseThrow();
        }

        String object(String key) {
            return new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
        }
    }
}
