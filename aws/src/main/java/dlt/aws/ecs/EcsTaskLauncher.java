package dlt.aws.ecs;

import dlt.core.port.TaskLauncher;
import dlt.core.run.RegionResources;
import dlt.core.run.WorkerContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * Worker tasks on ECS Fargate. Clients are per region because every region's workers run in that
 * region's cluster. Launching issues RunTask calls of at most 10 tasks concurrently and retries the ones
 * refused for capacity or throttling with backoff, a bounded number of times.
 */
public final class EcsTaskLauncher implements TaskLauncher {

    /** RunTask starts at most 10 tasks a call. */
    static final int RUN_TASK_BATCH = 10;
    /** StopTask's reason is at most 255 characters. */
    private static final int MAX_STOP_REASON = 255;

    /** How often and how patiently RunTask is retried when ECS has no capacity or throttles. */
    public record LaunchRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
        public static final LaunchRetry DEFAULT =
                new LaunchRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(8), Sleeper.THREAD);

        /** The wait before attempt {@code attempt + 1} (attempt counts from 1), with jitter in its upper half. */
        Duration backoff(int attempt) {
            long full = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 20));
            return Duration.ofMillis(full / 2 + (full < 2 ? 0 : ThreadLocalRandom.current().nextLong(full / 2)));
        }
    }

    /** Waits; tests replace it so retries take no time. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d);

        void sleep(Duration duration) throws InterruptedException;
    }

    /** Service Quotas' code for "Fargate On-Demand vCPU resource count". */
    static final String FARGATE_SERVICE = "fargate";
    static final String FARGATE_VCPU_QUOTA = "L-3032A538";
    /** DescribeTasks takes at most 100 tasks a call. */
    private static final int DESCRIBE_BATCH = 100;
    private static final Set<String> HOLDING_VCPUS = Set.of("PROVISIONING", "PENDING", "RUNNING");

    private final Function<String, EcsClient> ecsByRegion;
    private final Function<String, ServiceQuotasClient> quotasByRegion;
    private final LaunchRetry retry;
    /** Task definition ARN -> the name of its (worker) container, which container overrides must name. */
    private final Map<String, String> containerNames = new ConcurrentHashMap<>();

    /** @param ecsByRegion and {@code quotasByRegion}: the client of a region, such as {@code AwsClients::ecs} */
    public EcsTaskLauncher(Function<String, EcsClient> ecsByRegion, Function<String, ServiceQuotasClient> quotasByRegion) {
        this(ecsByRegion, quotasByRegion, LaunchRetry.DEFAULT);
    }

    public EcsTaskLauncher(Function<String, EcsClient> ecsByRegion, Function<String, ServiceQuotasClient> quotasByRegion,
                           LaunchRetry retry) {
        this.ecsByRegion = ecsByRegion;
        this.quotasByRegion = quotasByRegion;
        this.retry = retry;
    }

    @Override
    public List<String> launch(RegionResources region, WorkerContract worker, int count) {
        if (count <= 0) {
            return List.of();
        }
        if (!region.isDeployed()) {
            throw new LaunchException("region " + region.region() + " has no testing resources (its cluster was removed)",
                    List.of(), null);
        }
        EcsClient ecs = ecsByRegion.apply(region.region());
        String container = containerName(ecs, region);
        List<Future<BatchResult>> batches = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < count; from += RUN_TASK_BATCH) {
                int size = Math.min(RUN_TASK_BATCH, count - from);
                batches.add(pool.submit(() -> launchBatch(ecs, region, worker, container, size)));
            }
        }
        List<String> started = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        SdkException cause = null;
        for (Future<BatchResult> batch : batches) {
            BatchResult result = joined(batch);
            started.addAll(result.started());
            if (result.reason() != null) {
                reasons.add(result.reason());
            }
            cause = cause == null ? result.cause() : cause;
        }
        if (started.size() < count) {
            throw new LaunchException("only " + started.size() + " of " + count + " workers started in " + region.region()
                    + ": " + String.join("; ", reasons), started, cause);
        }
        return started;
    }

    @Override
    public void stop(RegionResources region, String taskId, String reason) {
        if (!region.isDeployed()) {
            return;
        }
        String why = reason == null || reason.isBlank() ? "stopped by dlt" : reason;
        try {
            ecsByRegion.apply(region.region()).stopTask(b -> b.cluster(region.taskCluster()).task(taskId)
                    .reason(why.length() > MAX_STOP_REASON ? why.substring(0, MAX_STOP_REASON) : why));
        } catch (ClusterNotFoundException | InvalidParameterException goneOrUnknown) {
            // "The referenced task was not found": stopped long ago, or never ours; either way not running
        }
    }

    private record BatchResult(List<String> started, String reason, SdkException cause) {
    }

    /** One RunTask call's tasks, retried while ECS refuses them for capacity or throttling. */
    private BatchResult launchBatch(EcsClient ecs, RegionResources region, WorkerContract worker, String container,
                                    int size) throws InterruptedException {
        List<String> started = new ArrayList<>();
        String reason = null;
        SdkException cause = null;
        for (int attempt = 1; attempt <= retry.maxAttempts() && started.size() < size; attempt++) {
            boolean retryable;
            try {
                RunTaskResponse response = ecs.runTask(runTask(region, worker, container, size - started.size()));
                response.tasks().forEach(task -> started.add(WorkerTaskLabels.taskId(task.taskArn())));
                if (started.size() >= size) {
                    break;
                }
                List<Failure> failures = response.hasFailures() ? response.failures() : List.of();
                reason = failures.isEmpty() ? "ECS started fewer tasks than asked and gave no reason"
                        : failures.stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                                .distinct().reduce((a, b) -> a + ", " + b).orElseThrow();
                retryable = failures.isEmpty() || failures.stream().allMatch(f -> isCapacityReason(f.reason()));
            } catch (SdkException e) {
                cause = e;
                reason = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                        ? service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage()
                        : e.getMessage();
                retryable = isRetryable(e);
            }
            if (!retryable) {
                break;
            }
            if (attempt < retry.maxAttempts()) {
                retry.sleeper().sleep(retry.backoff(attempt));
            }
        }
        return new BatchResult(started, started.size() >= size ? null : reason, cause);
    }

    private static RunTaskRequest runTask(RegionResources region, WorkerContract worker, String container, int count) {
        List<KeyValuePair> environment = worker.toEnvironment().entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        return RunTaskRequest.builder()
                .cluster(region.taskCluster())
                .taskDefinition(region.taskDefinition())
                .launchType(LaunchType.FARGATE)
                .count(count)
                .startedBy(WorkerTaskLabels.startedBy(worker.testId()))
                .tags(WorkerTaskLabels.tags(worker.testId(), worker.testRunId()))
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(region.subnets())
                        .securityGroups(region.taskSecurityGroup() == null ? List.of() : List.of(region.taskSecurityGroup()))
                        .assignPublicIp(AssignPublicIp.ENABLED)))
                .overrides(o -> o.containerOverrides(ContainerOverride.builder().name(container).environment(environment).build()))
                .build();
    }

    /** ECS's failure reasons that a later attempt may not meet: no capacity now, or too many calls. */
    static boolean isCapacityReason(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("capacity") || r.startsWith("resource:") || r.contains("rate exceeded") || r.contains("throttl");
    }

    private static boolean isRetryable(SdkException e) {
        if (e instanceof ServerException || e instanceof SdkClientException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            return service.isThrottlingException() || service.statusCode() >= 500 || "ThrottlingException".equals(code)
                    || isCapacityReason(service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage());
        }
        return false;
    }

    /** The task definition's first container (the worker): container overrides name it. */
    private String containerName(EcsClient ecs, RegionResources region) {
        try {
            return containerNames.computeIfAbsent(region.taskDefinition(), arn -> ecs.describeTaskDefinition(
                    b -> b.taskDefinition(arn)).taskDefinition().containerDefinitions().get(0).name());
        } catch (SdkException | IndexOutOfBoundsException e) {
            throw new LaunchException("the worker task definition " + region.taskDefinition() + " in " + region.region()
                    + " cannot be read: " + e.getMessage(), List.of(), e);
        }
    }

    private static BatchResult joined(Future<BatchResult> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while launching workers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
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
