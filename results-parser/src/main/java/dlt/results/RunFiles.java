package dlt.results;

import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.result.MergedResult;
import dlt.core.result.ResultMerger;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    private RunFiles() {
    }

    static Collected collect(ObjectStore store, String testId, String testRunId, Collection<String> regions) {
        Map<String, MergedResult> merged = new TreeMap<>();
        Map<String, Set<String>> received = new TreeMap<>();
        List<DamagedTask> damaged = new ArrayList<>();
        for (String region : new TreeSet<>(regions)) {
            String prefix = StorageKeys.run(testId, testRunId) + region + "/";
            ResultMerger merger = new ResultMerger();
            Set<String> ids = new TreeSet<>();
            for (String key : store.list(prefix)) {
                String name = key.substring(prefix.length());
                if (name.contains("/") || !name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
                    continue;
                }
                String taskId = name.substring(0, name.length() - SUFFIX.length());
                Optional<String> problem = read(store, key, testId, testRunId, region, taskId, merger);
                if (problem.isPresent()) {
                    damaged.add(new DamagedTask(region, taskId, problem.get()));
                } else {
                    ids.add(taskId);
                }
            }
            if (!ids.isEmpty()) {
                merged.put(region, merger.result());
                received.put(region, ids);
            }
        }
        return new Collected(merged, received, damaged);
    }

    /** Adds the file to the merger, or says why it cannot be used. */
    private static Optional<String> read(ObjectStore store, String key, String testId, String testRunId,
                                         String region, String taskId, ResultMerger merger) {
        Optional<byte[]> content = store.get(key);
        if (content.isEmpty()) {
            return Optional.of("the result file vanished while it was read");
        }
        WorkerResult result;
        try {
            result = WorkerResultJson.read(new String(content.get(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (!result.testId().equals(testId) || !result.testRunId().equals(testRunId)
                || !result.region().equals(region) || !result.taskId().equals(taskId)) {
            return Optional.of("the file holds the result of task " + result.taskId() + " in " + result.region()
                    + " of run " + result.testId() + "/" + result.testRunId() + ", not its own");
        }
        merger.add(result);
        return Optional.empty();
    }

    /**
     * The run's total: the regions' merged results merged again (exact, since merging is addition),
     * so each worker file is read and added once.
     */
    static MergedResult total(String testId, String testRunId, Map<String, MergedResult> regions) {
        ResultMerger merger = new ResultMerger();
        regions.forEach((region, result) -> merger.add(new WorkerResult(WorkerResult.CURRENT_VERSION, testId,
                testRunId, region, "region " + region, result.measured(), null, null, true, result.lateIterations(),
                result.droppedIterations(), result.users(), result.total(), result.labels(), result.timeline())));
        return merger.result();
    }
}
