package dlt.results;

import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.port.memory.InMemoryScenarioRepository;
import dlt.core.port.memory.InMemoryTestRunRepository;
import dlt.core.result.Histograms;
import dlt.core.result.LabelResult;
import dlt.core.result.TimelinePoint;
import dlt.core.result.Window;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.run.RunStatus;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Not a unit test: times the results parser on 1,000 worker result files with 20 labels each (the
 * issue's scale target: under 10 s with a 1 GB heap, the results-parser Lambda's memory). The files
 * are built first (realistic histograms: log-normal response times with a slow tail, per label and
 * per second), written to a directory standing in for S3 (so they do not sit on the heap), then one
 * parse is timed: list, read, merge per label/region/total, summarise, thresholds, results.json,
 * report.html, junit.xml and the bounded item. Run it with {@code bench/results-merge.sh}.
 *
 * <p>Arguments: {@code [tasks=1000] [labels=20] [seconds=600] [requestsPerLabel=20000]}.
 */
public final class MergeBenchmark {

    public static void main(String[] args) throws Exception {
        int tasks = arg(args, 0, 1_000);
        int labels = arg(args, 1, 20);
        int seconds = arg(args, 2, 600);
        int requestsPerLabel = arg(args, 3, 20_000);
        Path dir = Files.createTempDirectory("dlt-merge-bench");
        try {
            DirectoryObjectStore store = new DirectoryObjectStore(dir);
            long buildStart = System.nanoTime();
            String[] regions = {"us-east-1", "eu-west-1", "ap-southeast-2"};
            long bytes = IntStream.range(0, tasks).parallel().mapToLong(task -> {
                WorkerResult result = worker(regions[task % regions.length], task, labels, seconds, requestsPerLabel);
                byte[] json = WorkerResultJson.write(result).getBytes(StandardCharsets.UTF_8);
                store.put(StorageKeys.workerResult(Workers.TEST_ID, Workers.RUN_ID, result.region(), result.taskId()),
                        json, "application/json");
                return json.length;
            }).sum();
            System.err.printf("built %d files (%d labels, %d s timeline, %.1f MB) in %.1f s%n", tasks, labels,
                    seconds, bytes / 1e6, (System.nanoTime() - buildStart) / 1e9);
            System.gc();

            Map<String, Integer> perRegion = new LinkedHashMap<>();
            for (int task = 0; task < tasks; task++) {
                perRegion.merge(regions[task % regions.length], 1, Integer::sum);
            }
            InMemoryTestRunRepository runs = new InMemoryTestRunRepository();
            InMemoryScenarioRepository scenarios = new InMemoryScenarioRepository();
            var scenario = Workers.scenario("{\"response_time\": [\"p(95)<300ms\"], \"error_rate\": [\"<1%\"]}");
            scenarios.put(StoredScenario.created(scenario, Workers.STARTED));
            scenarios.beginRun(Workers.TEST_ID, Workers.RUN_ID, Workers.STARTED);
            runs.create(TestRun.queued(scenario, Workers.RUN_ID, Workers.STARTED));
            runs.updateStatus(Workers.TEST_ID, Workers.RUN_ID, RunStatus.RUNNING, null, Workers.STARTED);
            ParseRunResults useCase = new ParseRunResults(store, runs, scenarios, Clock.systemUTC());
            StateMachineInput input = Workers.input(perRegion);

            long start = System.nanoTime();
            ParseResultsOutput output = useCase.parse(new ParseResultsInput(input, null, null, null));
            double elapsed = (System.nanoTime() - start) / 1e9;
            Runtime runtime = Runtime.getRuntime();
            System.err.printf("parsed: %s, results.json %.1f MB, report.html %.1f MB%n", output,
                    store.size(StorageKeys.runResults(Workers.TEST_ID, Workers.RUN_ID)).orElse(0) / 1e6,
                    store.size(StorageKeys.report(Workers.TEST_ID, Workers.RUN_ID)).orElse(0) / 1e6);
            System.out.printf("read+merge+summarise of %d files x %d labels: %.2f s (max heap %d MB)%n",
                    tasks, labels, elapsed, runtime.maxMemory() / (1024 * 1024));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** One task's result: per label, log-normal response times (median 20..200 ms) with a 1% slow tail. */
    static WorkerResult worker(String region, int task, int labelCount, int seconds, int requestsPerLabel) {
        SplittableRandom random = new SplittableRandom(task * 7919L + 1);
        Random gaussian = new Random(task);
        Map<String, LabelResult> labels = new LinkedHashMap<>();
        LabelResult total = LabelResult.empty();
        for (int l = 0; l < labelCount; l++) {
            double medianMicros = 20_000 + 9_000 * l;
            Histogram rt = Histograms.newDetailed();
            Histogram st = Histograms.newDetailed();
            Histogram ct = Histograms.newDetailed();
            Histogram ttfb = Histograms.newDetailed();
            long recorded = 0;
            // the log-normal's mass spread over 1,500 distinct values, each with its (noisy) share of the
            // requests, plus a 1% tail 5-25x slower: as many populated buckets as a real run, built fast
            for (int i = 0; i < 1_500 && recorded < requestsPerLabel; i++) {
                double z = -3 + 6.0 * (i + random.nextDouble()) / 1_500;
                long micros = Math.round(medianMicros * Math.exp(z * 0.5));
                long count = Math.max(1, Math.round(requestsPerLabel * 6.0 / 1_500
                        * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * (0.8 + 0.4 * random.nextDouble())));
                count = Math.min(count, requestsPerLabel - recorded);
                if (random.nextInt(100) == 0) {
                    micros *= 5 + random.nextInt(20);
                }
                rt.recordValueWithCount(micros, count);
                st.recordValueWithCount(micros - micros / 20, count);
                ttfb.recordValueWithCount(micros - micros / 10, count);
                ct.recordValueWithCount(500 + random.nextInt(3_000), Math.max(1, count / 50));
                recorded += count;
            }
            long failures = recorded / 200 + random.nextInt(3);
            failures = Math.min(failures, recorded);
            long requests = recorded;
            LabelResult label = new LabelResult(requests, requests - failures, failures,
                    Map.of(200, requests - failures, 503, failures), failures == 0 ? Map.of() : Map.of("http_5xx", failures),
                    180L * requests, 2_400L * requests, 0, 0, rt, st, ct, ttfb);
            labels.put("GET /api/" + l + "/items", label);
            total = total.plus(label);
        }
        long startMs = Workers.START_MS;
        long firstSecond = startMs / 1000;
        long perSecond = (long) labelCount * requestsPerLabel / seconds;
        List<TimelinePoint> timeline = new ArrayList<>(seconds);
        for (int s = 0; s < seconds; s++) {
            Histogram histogram = Histograms.newCoarse();
            for (int i = 0; i < Math.min(perSecond, 200); i++) {
                Histograms.record(histogram, Math.round(60_000 * Math.exp(gaussian.nextGaussian() * 0.6)));
            }
            timeline.add(new TimelinePoint(firstSecond + s, 1, perSecond, perSecond / 200, perSecond * 2_400, 50,
                    histogram));
        }
        return new WorkerResult(1, Workers.TEST_ID, Workers.RUN_ID, region, String.format("task-%04d", task),
                new Window(startMs, startMs + seconds * 1000L), null, null, true, 0, 0, 50, total, labels, timeline);
    }

    /** S3 stood in for by a directory: the files stay off the heap, as they would in the Lambda. */
    static final class DirectoryObjectStore implements ObjectStore {
        private final Path root;

        DirectoryObjectStore(Path root) {
            this.root = root;
        }

        @Override
        public void put(String key, byte[] content, String contentType) {
            try {
                Path path = root.resolve(key);
                Files.createDirectories(path.getParent());
                Files.write(path, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<byte[]> get(String key) {
            try {
                Path path = root.resolve(key);
                return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public OptionalLong size(String key) {
            try {
                Path path = root.resolve(key);
                return Files.exists(path) ? OptionalLong.of(Files.size(path)) : OptionalLong.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<String> list(String prefix) {
            Path base = root.resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1));
            if (!Files.isDirectory(base)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(base)) {
                return files.filter(Files::isRegularFile)
                        .map(path -> root.relativize(path).toString().replace('\\', '/'))
                        .filter(key -> key.startsWith(prefix)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void delete(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deletePrefix(String prefix) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PresignedUpload presignPut(String key, String contentType, Duration validFor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PresignedDownload presignGet(String key, Duration validFor) {
            throw new UnsupportedOperationException();
        }
    }
}
