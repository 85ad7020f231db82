package dlt.core.port;

import dlt.core.run.RegionResources;
import dlt.core.run.WorkerContract;
import java.util.List;

/**
 * Worker tasks (ECS Fargate on AWS, child processes locally): launched by the task runner, listed by the
 * API and the status checker, stopped by the status checker (stragglers) and the canceller.
 */
public interface TaskLauncher {

    /**
     * Starts {@code count} workers of {@code worker.testRunId()} in the region, each with
     * {@code worker.toEnvironment()} as its environment (the task id is left to the platform: each worker
     * learns its own), labelled so {@link #tasks} finds them.
     *
     * @return the ids of the tasks that started; fewer than {@code count} when the platform refused some
     * @throws LaunchException when fewer than {@code count} started and the platform said why (it carries
     *                         the ids that did start, so nothing is lost)
     */
    List<String> launch(RegionResources region, WorkerContract worker, int count);

    /**
     * Stops one task. Stopping a task that is stopped already or unknown is not an error, so callers may
     * repeat it.
     */
    void stop(RegionResources region, String taskId, String reason);

    /** Fewer tasks started than asked for, and why (capacity, a wrong subnet, a missing image...). */
    final class LaunchException extends RuntimeException {
        private final List<String> startedTaskIds;

        public LaunchException(String message, List<String> startedTaskIds, Throwable cause) {
            super(message, cause);
            this.startedTaskIds = List.copyOf(startedTaskIds);
        }

        public List<String> startedTaskIds() {
            return startedTaskIds;
        }
    }

    /** The tasks of one run in one region. */
    List<WorkerTask> tasks(RegionResources region, String testId, String testRunId);

    /** Every task running (or starting) in the region's cluster, whatever run it belongs to. */
    List<WorkerTask> activeTasks(RegionResources region);

    /** How many more tasks the region can take, computed from the account's quota and what runs now. */
    Capacity capacity(RegionResources region);

    /** A worker task; {@code status} as ECS says it: PROVISIONING, PENDING, RUNNING, DEPROVISIONING, STOPPED. */
    record WorkerTask(String taskId, String testId, String testRunId, String status) {
    }

    /**
     * Fargate capacity of a region. Any part may be unknown (null) when the quota or task size cannot be
     * read; {@link #availableTasks()} is then 0, so nothing launches on a guess.
     */
    record Capacity(String region, Double vCpuLimit, Double vCpusPerTask, Double vCpusInUse) {
        public int availableTasks() {
            if (vCpuLimit == null || vCpusPerTask == null || vCpusInUse == null || vCpusPerTask <= 0) return 0;
            return (int) Math.max(0, Math.floor((vCpuLimit - vCpusInUse) / vCpusPerTask));
        }
    }
}
