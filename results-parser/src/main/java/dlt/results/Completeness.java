package dlt.results;

import dlt.core.result.MergedResult;
import dlt.core.run.StateMachineInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which expected tasks sent a usable result. Expected are the launched task ids when the state
 * machine recorded them, else {@code taskCount} per region. {@code missingTasks} names the task ids
 * without a usable file, or says "region: n of m tasks sent results" when the ids are unknown;
 * {@code incompleteTasks} are workers cut short (SIGTERM) whose partial results are counted.
 */
record Completeness(int expectedTasks, int receivedTasks, List<String> missingTasks,
                    List<RunFiles.DamagedTask> damagedTasks, List<String> incompleteTasks) {

    Completeness {
        missingTasks = List.copyOf(missingTasks);
        damagedTasks = List.copyOf(damagedTasks);
        incompleteTasks = List.copyOf(incompleteTasks);
    }

    boolean partial() {
        return !missingTasks.isEmpty() || !incompleteTasks.isEmpty();
    }

    /** The regions whose files are looked for: the run's regions and any region tasks were launched in. */
    static Set<String> regions(ParseResultsInput input) {
        Set<String> regions = new TreeSet<>();
        input.run().regions().forEach(region -> regions.add(region.region()));
        if (input.launchedTasks() != null) {
            regions.addAll(input.launchedTasks().keySet());
        }
        return regions;
    }

    static Completeness of(ParseResultsInput input, RunFiles.Collected collected) {
        Map<String, Integer> taskCounts = new TreeMap<>();
        for (StateMachineInput.RegionRun region : input.run().regions()) {
            taskCounts.merge(region.region(), region.taskCount(), Integer::sum);
        }
        List<String> missing = new ArrayList<>();
        int expected = 0;
        for (String region : regions(input)) {
            Set<String> received = collected.received().getOrDefault(region, Set.of());
            if (input.launchedTasks() != null) {
                Set<String> launched = new TreeSet<>(input.launchedTasks().getOrDefault(region, List.of()));
                expected += launched.size();
                launched.stream().filter(id -> !received.contains(id)).forEach(missing::add);
            } else {
                int count = taskCounts.getOrDefault(region, 0);
                expected += count;
                collected.damaged().stream().filter(d -> d.region().equals(region))
                        .forEach(d -> missing.add(d.taskId()));
                if (received.size() < count) {
                    missing.add(region + ": " + received.size() + " of " + count + " tasks sent results");
                }
            }
        }
        List<String> incomplete = new ArrayList<>();
        collected.regions().values().stream().map(MergedResult::incompleteTasks).forEach(incomplete::addAll);
        incomplete.sort(null);
        return new Completeness(expected, collected.workers(), missing, collected.damaged(), incomplete);
    }

    /** One sentence for a run's errorReason, or null when every task sent a full result. */
    String describe() {
        if (!partial()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (!missingTasks.isEmpty()) {
            parts.add("results missing (" + receivedTasks + " of " + expectedTasks + " tasks sent results): "
                    + String.join(", ", missingTasks));
        }
        for (RunFiles.DamagedTask damaged : damagedTasks) {
            parts.add("task " + damaged.taskId() + " in " + damaged.region() + " sent an unusable file ("
                    + damaged.reason() + ")");
        }
        if (!incompleteTasks.isEmpty()) {
            parts.add(incompleteTasks.size() + " tasks were stopped before the end: "
                    + String.join(", ", incompleteTasks));
        }
        String text = String.join("; ", parts);
        return text.length() > 1_000 ? text.substring(0, 997) + "..." : text;
    }
}
