package dlt.api.usecase;

import dlt.core.port.TaskLauncher;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.run.RegionResources;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /regions}, {@code GET /tasks} and {@code GET /vCPUDetails}: the deployed regions and their room. */
public final class Capacity {

    private static final System.Logger LOG = System.getLogger(Capacity.class.getName());

    private final Ports ports;

    public Capacity(Ports ports) {
        this.ports = ports;
    }

    /** The regions with testing resources, by name. */
    public List<RegionResources> regions() {
        return ports.scenarios().regions().stream()
                .filter(RegionResources::isDeployed)
                .sorted(Comparator.comparing(RegionResources::region))
                .toList();
    }

    /** Per deployed region, the tasks running or starting in its cluster. */
    public Map<String, List<WorkerTask>> tasks() {
        Map<String, List<WorkerTask>> result = new LinkedHashMap<>();
        for (RegionResources region : regions()) {
            result.put(region.region(), ports.tasks().activeTasks(region));
        }
        return result;
    }

    /** Per deployed region, its Fargate capacity as the server computes it; unknown parts are null. */
    public Map<String, TaskLauncher.Capacity> vCpuDetails() {
        Map<String, TaskLauncher.Capacity> result = new LinkedHashMap<>();
        for (RegionResources region : regions()) {
            TaskLauncher.Capacity capacity;
            try {
                capacity = ports.tasks().capacity(region);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not read the capacity of " + region.region(), e);
                capacity = new TaskLauncher.Capacity(region.region(), null, null, null);
            }
            result.put(region.region(), capacity);
        }
        return result;
    }
}
