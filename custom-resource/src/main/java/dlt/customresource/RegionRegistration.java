package dlt.customresource;

import dlt.core.port.ScenarioRepository;
import dlt.core.run.RegionResources;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code Custom::RegionResources}: a region's testing resources registered as its {@code region-{name}} row in
 * the main scenarios table (where the API and the task runner look them up). Properties: {@code ScenariosTable},
 * {@code TableRegion} (the main region; default this function's), {@code Region}, {@code TaskCluster},
 * {@code TaskDefinition}, {@code TaskImage}, {@code Subnets}, {@code TaskSecurityGroup}, {@code LogGroup}.
 * Deleting writes the row with an empty cluster, as DLT does: the region then counts as removed.
 */
public final class RegionRegistration implements CustomResource {

    private final BiFunction<String, String, ScenarioRepository> scenariosTable;
    private final String ownRegion;

    /** @param scenariosTable the repository of a table (name, region) */
    public RegionRegistration(BiFunction<String, String, ScenarioRepository> scenariosTable, String ownRegion) {
        this.scenariosTable = scenariosTable;
        this.ownRegion = ownRegion;
    }

    @Override
    public Outcome create(CustomResourceRequest request) {
        RegionResources resources = new RegionResources(request.required("Region"), request.required("TaskCluster"),
                request.required("TaskDefinition"), request.required("TaskImage"), request.strings("Subnets"),
                request.required("TaskSecurityGroup"), request.required("LogGroup"));
        if (resources.subnets().isEmpty()) {
            throw new IllegalArgumentException(request.resourceType() + " needs the property Subnets");
        }
        table(request).putRegion(resources);
        return Outcome.of(RegionResources.rowId(resources.region()));
    }

    @Override
    public Outcome update(CustomResourceRequest request) {
        return create(request);
    }

    @Override
    public void delete(CustomResourceRequest request) {
        String region = request.optional("Region", null);
        if (region == null || request.optional("ScenariosTable", null) == null) {
            return; // a create that failed before it knew where to write
        }
        table(request).putRegion(new RegionResources(region, "", "", "", List.of(), "", ""));
    }

    private ScenarioRepository table(CustomResourceRequest request) {
        return scenariosTable.apply(request.required("ScenariosTable"), request.optional("TableRegion", ownRegion));
    }
}
