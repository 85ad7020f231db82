package dlt.core.run;

import java.util.List;

/**
 * The state machine's input, written by the API and read by every state (ARCHITECTURE §4).
 * {@code testDuration} is in seconds: ramp-up plus hold-for.
 */
public record StateMachineInput(String testId, String testRunId, String testType, String fileType, boolean showLive,
                                long testDuration, List<RegionRun> regions) {
    public StateMachineInput {
        regions = List.copyOf(regions);
    }

    /** One region's share of the run, with the resources its workers use. */
    public record RegionRun(String region, int taskCount, int concurrency, String cluster, String taskDefinition,
                            List<String> subnets, String securityGroup, String logGroup) {
        public RegionRun {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
        }

        public static RegionRun of(RegionResources resources, int taskCount, int concurrency) {
            return new RegionRun(resources.region(), taskCount, concurrency, resources.taskCluster(),
                    resources.taskDefinition(), resources.subnets(), resources.taskSecurityGroup(), resources.logGroup());
        }
    }

    public int totalTasks() {
        return regions.stream().mapToInt(RegionRun::taskCount).sum();
    }
}
