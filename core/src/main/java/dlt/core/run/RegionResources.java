package dlt.core.run;

import java.util.List;

/**
 * A region's testing resources (DLT's {@code region-{name}} row in the scenarios table): where the
 * workers of that region run. {@code taskCluster} empty means the region was removed.
 */
public record RegionResources(String region, String taskCluster, String taskDefinition, String taskImage,
                              List<String> subnets, String taskSecurityGroup, String logGroup) {
    public RegionResources {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
    }

    public boolean isDeployed() {
        return taskCluster != null && !taskCluster.isEmpty();
    }

    public static String rowId(String region) {
        return "region-" + region;
    }
}
