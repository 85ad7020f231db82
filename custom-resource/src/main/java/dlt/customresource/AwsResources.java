package dlt.customresource;

import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * The Lambda runtime's composition root: each custom resource type wired to AWS from the environment, once.
 * IoT's control plane is built here rather than in {@link AwsClients}: only this function calls it (its SDK
 * module is this module's own dependency).
 */
final class AwsResources {

    private AwsResources() {
    }

    static Map<String, CustomResource> wire() {
        AwsSettings settings = AwsSettings.fromEnvironment();
        AwsClients clients = new AwsClients(settings);
        Map<String, AwsClients> byRegion = new ConcurrentHashMap<>(Map.of(settings.region(), clients));
        IotClient iot = clients.client(AwsService.IOT, settings.region(), IotClient::builder);
        SchedulerClient scheduler = clients.client(AwsService.SCHEDULER, settings.region(), SchedulerClient::builder);
        return Map.of(
                "Custom::RegionResources", new RegionRegistration((table, region) -> new DynamoDbScenarioRepository(
                        byRegion.computeIfAbsent(region, r -> new AwsClients(inRegion(settings, r))).dynamoDb(), table),
                        settings.region()),
                "Custom::ConsoleConfig", new ConsoleDeployment(new S3ConsoleStore(clients.s3()),
                        AwsResources.class.getClassLoader()),
                "Custom::IotEndpoint", new IotEndpointLookup(
                        () -> iot.describeEndpoint(b -> b.endpointType("iot:Data-ATS")).endpointAddress()),
                "Custom::DetachIotPolicy", new ClearedOnDelete("PolicyName", new ClearedOnDelete.Members() {
                    @Override
                    public List<String> list(String policyName) {
                        try {
                            return iot.listTargetsForPolicyPaginator(b -> b.policyName(policyName)).targets().stream()
                                    .toList();
                        } catch (ResourceNotFoundException e) {
                            return List.of();
                        }
                    }

                    @Override
                    public void remove(String policyName, String target) {
                        try {
                            iot.detachPolicy(b -> b.policyName(policyName).target(target));
                        } catch (ResourceNotFoundException e) {
                            // already detached
                        }
                    }
                }),
                "Custom::DeleteSchedules", new ClearedOnDelete("GroupName", new ClearedOnDelete.Members() {
                    @Override
                    public List<String> list(String group) {
                        try {
                            return scheduler.listSchedulesPaginator(b -> b.groupName(group)).schedules().stream()
                                    .map(ScheduleSummary::name).toList();
                        } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
                            return List.of();
                        }
                    }

                    @Override
                    public void remove(String group, String name) {
                        try {
                            scheduler.deleteSchedule(b -> b.groupName(group).name(name));
                        } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
                            // already gone (a one-time schedule deletes itself after it fires)
                        }
                    }
                }));
    }

    /** The same settings for another region (a regional stack registers itself in the main region's table). */
    private static AwsSettings inRegion(AwsSettings settings, String region) {
        return new AwsSettings(region, settings.endpointOverride(), settings.serviceEndpoints(),
                settings.staticCredentials(), null, null, null, null, null, null);
    }

    /** The console bucket in S3. */
    private record S3ConsoleStore(S3Client s3) implements ConsoleStore {
        @Override
        public void put(String bucket, String key, byte[] body, String contentType) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                    .cacheControl(key.endsWith(".html") || key.endsWith(".json") ? "no-cache" : "max-age=300"),
                    RequestBody.fromBytes(body));
        }

        @Override
        public void empty(String bucket) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket)).forEach(page -> {
                page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
                page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            });
            for (int from = 0; from < batch.size(); from += 1000) {
                List<ObjectIdentifier> chunk = batch.subList(from, Math.min(batch.size(), from + 1000));
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
            }
        }
    }
}
