package dlt.core.port.memory;

import dlt.core.port.TaskLauncher;
import dlt.core.run.RegionResources;
import dlt.core.run.WorkerContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tasks and capacity as a test sets them, per region. A region without capacity set has an unknown one.
 * Launched tasks get ids {@code {region}-task-{n}} and the status set by {@link #launchAs} (PENDING unless
 * told); a launch limit makes a region refuse tasks past it; every launch and stop is recorded.
 */
public final class FakeTaskLauncher implements TaskLauncher {

    /** One call of {@link #launch}, as the caller made it. */
    public record Launch(String region, WorkerContract worker, int count, List<String> startedTaskIds) {
    }

    /** One call of {@link #stop}. */
    public record Stop(String region, String taskId, String reason) {
    }

    private final Map<String, List<WorkerTask>> tasksByRegion = new HashMap<>();
    private final Map<String, Capacity> capacityByRegion = new HashMap<>();
    private final Map<String, Integer> launchLimitByRegion = new HashMap<>();
    private final Map<String, String> launchRefusalByRegion = new HashMap<>();
    private final List<Launch> launches = new ArrayList<>();
    private final List<Stop> stops = new ArrayList<>();
    private String launchStatus = "PENDING";
    private int nextTaskNumber = 1;

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

    /** The status launched tasks start in (ECS's names: PROVISIONING, PENDING, RUNNING...). */
    public synchronized FakeTaskLauncher launchAs(String status) {
        this.launchStatus = status;
        return this;
    }

    /**
     * Makes the region start at most {@code limit} tasks per launch; with a {@code reason}, a short launch
     * throws {@link LaunchException} with it, without one it returns fewer ids.
     */
    public synchronized FakeTaskLauncher limitLaunches(String region, int limit, String reason) {
        launchLimitByRegion.put(region, limit);
        if (reason != null) {
            launchRefusalByRegion.put(region, reason);
        }
        return this;
    }

    /** Sets the status of a task (RUNNING, STOPPED...), as the platform would move it. */
    public synchronized FakeTaskLauncher setStatus(String region, String taskId, String status) {
        List<WorkerTask> tasks = tasksByRegion.getOrDefault(region, List.of());
        for (int i = 0; i < tasks.size(); i++) {
            WorkerTask t = tasks.get(i);
            if (t.taskId().equals(taskId)) {
                tasks.set(i, new WorkerTask(t.taskId(), t.testId(), t.testRunId(), status));
                return this;
            }
        }
        throw new IllegalArgumentException("no task " + taskId + " in " + region);
    }

    /** Sets the status of every task of the region. */
    public synchronized FakeTaskLauncher setAllStatuses(String region, String status) {
        tasksByRegion.getOrDefault(region, List.of()).replaceAll(
                t -> new WorkerTask(t.taskId(), t.testId(), t.testRunId(), status));
        return this;
    }

    public synchronized List<Launch> launches() {
        return List.copyOf(launches);
    }

    public synchronized List<Stop> stops() {
        return List.copyOf(stops);
    }

    @Override
    public synchronized List<String> launch(RegionResources region, WorkerContract worker, int count) {
        int allowed = Math.min(count, launchLimitByRegion.getOrDefault(region.region(), Integer.MAX_VALUE));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < allowed; i++) {
            String id = region.region() + "-task-" + nextTaskNumber++;
            addTask(region.region(), new WorkerTask(id, worker.testId(), worker.testRunId(), launchStatus));
            started.add(id);
        }
        launches.add(new Launch(region.region(), worker, count, List.copyOf(started)));
        String refusal = launchRefusalByRegion.get(region.region());
        if (started.size() < count && refusal != null) {
            throw new LaunchException(refusal, started, null);
        }
        return started;
    }

    @Override
    public synchronized void stop(RegionResources region, String taskId, String reason) {
        stops.add(new Stop(region.region(), taskId, reason));
        tasksByRegion.getOrDefault(region.region(), List.of()).replaceAll(t -> t.taskId().equals(taskId)
                ? new WorkerTask(t.taskId(), t.testId(), t.testRunId(), "STOPPED") : t);
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
