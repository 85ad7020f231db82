package dlt.results;

import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.result.MergedResult;
import dlt.core.result.ResultMerger;
import dlt.core.result.WorkerFile;
import dlt.core.result.WorkerResultJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The worker result files of a run, read one at a time and merged exactly per region. A file that
 * cannot be read, or that holds another task's result, is reported with its reason and left out.
 */
final class RunFiles {

    /** A task whose result file exists but cannot be used. */
    record DamagedTask(String region, String taskId, String reason) {
    }

    /**
     * @param regions  each region's merged result (regions without a usable file are absent)
     * @param received the task ids with a usable file, per region
     * @param damaged  files left out, in key order
     */
    record Collected(Map<String, MergedResult> regions, Map<String, Set<String>> received, List<DamagedTask> damaged) {
        Collected {
            regions = Collections.unmodifiableMap(new TreeMap<>(regions));
            received = Collections.unmodifiableMap(new TreeMap<>(received));
            damaged = List.copyOf(damaged);
        }

        int workers() {
            return received.values().stream().mapToInt(Set::size).sum();
        }
    }

    private static final String SUFFIX = ".json";
    /** Threads reading, decoding and merging files: the Lambda's (or this machine's) cores, up to 4. */
    private static final int READERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private RunFiles() {
    }

    static Collected collect(ObjectStore store, String testId, String testRunId, Collection<String> regions) {
        Map<String, MergedResult> merged = new TreeMap<>();
        Map<String, Set<String>> received = new TreeMap<>();
        List<DamagedTask> damaged = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS, runnable -> {
            Thread thread = new Thread(runnable, "dlt-result-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (String region : new TreeSet<>(regions)) {
                String prefix = StorageKeys.run(testId, testRunId) + region + "/";
                List<String[]> files = new ArrayList<>();
                for (String key : store.list(prefix)) {
                    String name = key.substring(prefix.length());
                    if (name.contains("/") || !name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
                        continue;
                    }
                    files.add(new String[] {key, name.substring(0, name.length() - SUFFIX.length())});
                }
                // each reader merges its share of the files into totals of its own, and the shares are
                // merged at the end: merging is addition, so the result is the same, on every core
                List<Future<Share>> shares = new ArrayList<>();
                for (int reader = 0; reader < READERS; reader++) {
                    int first = reader;
                    shares.add(readers.submit(() -> {
                        Share share = new Share();
                        for (int i = first; i < files.size(); i += READERS) {
                            share.add(read(store, files.get(i)[0], testId, testRunId, region, files.get(i)[1]), region);
                        }
                        return share;
                    }));
                }
                ResultMerger merger = new ResultMerger();
                Set<String> ids = new TreeSet<>();
                for (Future<Share> pending : shares) {
                    Share share = result(pending);
                    if (!share.ids.isEmpty()) {
                        merger.add(share.merger.result());
                        ids.addAll(share.ids);
                    }
                    damaged.addAll(share.damaged);
                }
                if (!ids.isEmpty()) {
                    merged.put(region, merger.result());
                    received.put(region, ids);
                }
            }
        } finally {
            readers.shutdownNow();
        }
        damaged.sort(Comparator.comparing(DamagedTask::region).thenComparing(DamagedTask::taskId));
        return new Collected(merged, received, damaged);
    }

    /** One file read: its result, or why it cannot be used. */
    private record Read(String taskId, WorkerFile result, String problem) {
    }

    /** What one reader merged of a region's files. */
    private static final class Share {
        final ResultMerger merger = new ResultMerger();
        final Set<String> ids = new TreeSet<>();
        final List<DamagedTask> damaged = new ArrayList<>();

        void add(Read read, String region) {
            if (read.problem() != null) {
                damaged.add(new DamagedTask(region, read.taskId(), read.problem()));
            } else {
                merger.add(read.result());
                ids.add(read.taskId());
            }
        }
    }

    private static Share result(Future<Share> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the worker results", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the worker results failed", e.getCause());
        }
    }

    /** Reads and checks one file (on a reader thread); nothing is added to any total here. */
    private static Read read(ObjectStore store, String key, String testId, String testRunId, String region,
                             String taskId) {
        Optional<byte[]> content = store.get(key);
        if (content.isEmpty()) {
            return new Read(taskId, null, "the result file vanished while it was read");
        }
        WorkerFile result;
        try {
            result = WorkerResultJson.readForMerge(new String(content.get(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new Read(taskId, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (!result.testId().equals(testId) || !result.testRunId().equals(testRunId)
                || !result.region().equals(region) || !result.taskId().equals(taskId)) {
            return new Read(taskId, null, "the file holds the result of task " + result.taskId() + " in "
                    + result.region() + " of run " + result.testId() + "/" + result.testRunId() + ", not its own");
        }
        return new Read(taskId, result, null);
    }

    /**
     * The run's total: the regions' merged results merged again (exact, since merging is addition),
     * so each worker file is read and added once.
     */
    static MergedResult total(Map<String, MergedResult> regions) {
        ResultMerger merger = new ResultMerger();
        regions.values().forEach(merger::add);
        return merger.result();
    }
}
