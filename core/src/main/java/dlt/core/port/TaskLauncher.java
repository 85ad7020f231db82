package dlt.core.port;

import dlt.core.run.RegionResources;
import java.util.List;

/**
 * Worker tasks (ECS Fargate on AWS, child processes locally). This part is what the API reads;
 * launching and stopping come with orchestration.
 */
public interface TaskLauncher {

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
