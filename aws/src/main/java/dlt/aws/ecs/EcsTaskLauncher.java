package dlt.aws.ecs;

import dlt.core.port.TaskLauncher;
import dlt.core.run.RegionResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * Worker tasks on ECS Fargate (the reading part; launching and stopping come with orchestration).
 * Clients are per region because every region's workers run in that region's cluster.
 */
public final class EcsTaskLauncher implements TaskLauncher {

    /** Service Quotas' code for "Fargate On-Demand vCPU resource count". */
    static final String FARGATE_SERVICE = "fargate";
    static final String FARGATE_VCPU_QUOTA = "L-3032A538";
    /** DescribeTasks takes at most 100 tasks a call. */
    private static final int DESCRIBE_BATCH = 100;
    private static final Set<String> HOLDING_VCPUS = Set.of("PROVISIONING", "PENDING", "RUNNING");

    private final Function<String, EcsClient> ecsByRegion;
    private final Function<String, ServiceQuotasClient> quotasByRegion;

    /** @param ecsByRegion and {@code quotasByRegion}: the client of a region, such as {@code AwsClients::ecs} */
    public EcsTaskLauncher(Function<String, EcsClient> ecsByRegion, Function<String, ServiceQuotasClient> quotasByRegion) {
        this.ecsByRegion = ecsByRegion;
        this.quotasByRegion = quotasByRegion;
    }

    @Override
    public List<WorkerTask> tasks(RegionResources region, String testId, String testRunId) {
        EcsClient ecs = ecsByRegion.apply(region.region());
        // stopped tasks too: a run's failed or finished workers matter to whoever checks on it
        List<String> arns = Stream.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)
                .flatMap(status -> listTasks(ecs, region.taskCluster(), WorkerTaskLabels.startedBy(testId), status).stream())
                .distinct().toList();
        return describe(ecs, region.taskCluster(), arns).stream()
                .map(WorkerTaskLabels::toWorkerTask)
                .filter(task -> testId.equals(task.testId()) && testRunId.equals(task.testRunId()))
                .toList();
    }

    @Override
    public List<WorkerTask> activeTasks(RegionResources region) {
        EcsClient ecs = ecsByRegion.apply(region.region());
        List<String> arns = listTasks(ecs, region.taskCluster(), null, DesiredStatus.RUNNING);
        return describe(ecs, region.taskCluster(), arns).stream().map(WorkerTaskLabels::toWorkerTask).toList();
    }

    @Override
    public Capacity capacity(RegionResources region) {
        return new Capacity(region.region(), vCpuLimit(region.region()), vCpusPerTask(region), vCpusInUse(region.region()));
    }

    /** The account's Fargate vCPU quota in the region, or null when Service Quotas cannot tell. */
    private Double vCpuLimit(String region) {
        ServiceQuotasClient quotas = quotasByRegion.apply(region);
        try {
            return quotas.getServiceQuota(b -> b.serviceCode(FARGATE_SERVICE).quotaCode(FARGATE_VCPU_QUOTA))
                    .quota().value();
        } catch (NoSuchResourceException neverChanged) {
            // an account that never had the quota raised has only the default
            try {
                return quotas.getAWSDefaultServiceQuota(b -> b.serviceCode(FARGATE_SERVICE).quotaCode(FARGATE_VCPU_QUOTA))
                        .quota().value();
            } catch (SdkException e) {
                return null;
            }
        } catch (SdkException e) {
            return null;
        }
    }

    /** The worker task definition's vCPUs (its cpu units / 1024), or null when it cannot be read. */
    private Double vCpusPerTask(RegionResources region) {
        if (!region.isDeployed() || region.taskDefinition() == null) {
            return null;
        }
        try {
            String cpu = ecsByRegion.apply(region.region())
                    .describeTaskDefinition(b -> b.taskDefinition(region.taskDefinition())).taskDefinition().cpu();
            return cpuUnitsToVCpus(cpu);
        } catch (SdkException e) {
            return null;
        }
    }

    /** vCPUs held by Fargate tasks starting or running in any cluster of the region (the quota is per account). */
    private Double vCpusInUse(String region) {
        EcsClient ecs = ecsByRegion.apply(region);
        try {
            double total = 0;
            for (String cluster : ecs.listClustersPaginator(b -> { }).clusterArns()) {
                for (Task task : describe(ecs, cluster, listTasks(ecs, cluster, null, DesiredStatus.RUNNING))) {
                    boolean fargate = task.launchType() == LaunchType.FARGATE || "FARGATE".equals(task.capacityProviderName());
                    Double vCpus = cpuUnitsToVCpus(task.cpu());
                    if (fargate && HOLDING_VCPUS.contains(task.lastStatus()) && vCpus != null) {
                        total += vCpus;
                    }
                }
            }
            return total;
        } catch (SdkException e) {
            return null;
        }
    }

    private static List<String> listTasks(EcsClient ecs, String cluster, String startedBy, DesiredStatus status) {
        if (cluster == null || cluster.isEmpty()) {
            return List.of();
        }
        try {
            return ecs.listTasksPaginator(b -> b.cluster(cluster).startedBy(startedBy).desiredStatus(status))
                    .taskArns().stream().toList();
        } catch (ClusterNotFoundException e) {
            return List.of(); // a removed region's cluster runs nothing
        }
    }

    private static List<Task> describe(EcsClient ecs, String cluster, List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < taskArns.size(); from += DESCRIBE_BATCH) {
            List<String> batch = taskArns.subList(from, Math.min(from + DESCRIBE_BATCH, taskArns.size()));
            tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch).include(TaskField.TAGS)).tasks());
        }
        return tasks;
    }

    private static Double cpuUnitsToVCpus(String cpuUnits) {
        if (cpuUnits == null || cpuUnits.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(cpuUnits.trim()) / 1024.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
