package dlt.core.port.memory;

import dlt.core.port.TaskLauncher;
import dlt.core.run.RegionResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tasks and capacity as a test sets them, per region. A region without capacity set has an unknown one. */
public final class FakeTaskLauncher implements TaskLauncher {

    private final Map<String, List<WorkerTask>> tasksByRegion = new HashMap<>();
    private final Map<String, Capacity> capacityByRegion = new HashMap<>();

    public synchronized FakeTaskLauncher addTask(String region, WorkerTask task) {
        tasksByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(task);
        return this;
    }

    public synchronized FakeTaskLauncher clearTasks() {
        tasksByRegion.clear();
        return this;
    }

    public synchronized FakeTaskLauncher setCapacity(Capacity capacity) {
        capacityByRegion.put(capacity.region(), capacity);
        return this;
    }

    /** Sets a region's capacity so that exactly {@code availableTasks} more tasks of 1 vCPU fit. */
    public FakeTaskLauncher setAvailableTasks(String region, int availableTasks) {
        return setCapacity(new Capacity(region, (double) availableTasks, 1.0, 0.0));
    }

    @Override
    public synchronized List<WorkerTask> tasks(RegionResources region, String testId, String testRunId) {
        return tasksByRegion.getOrDefault(region.region(), List.of()).stream()
                .filter(t -> testId.equals(t.testId()) && testRunId.equals(t.testRunId()))
                .toList();
    }

    @Override
    public synchronized List<WorkerTask> activeTasks(RegionResources region) {
        return tasksByRegion.getOrDefault(region.region(), List.of()).stream()
                .filter(t -> !"STOPPED".equals(t.status()))
                .toList();
    }

    @Override
    public synchronized Capacity capacity(RegionResources region) {
        return capacityByRegion.getOrDefault(region.region(), new Capacity(region.region(), null, null, null));
    }
}
