package dlt.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsStubServer;
import dlt.aws.AwsStubServer.Reply;
import dlt.core.port.TaskLauncher.Capacity;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.port.contract.ContractFixtures;
import dlt.core.run.RegionResources;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcsTaskLauncherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegionResources REGION = ContractFixtures.region("eu-west-1");

    private AwsStubServer aws;
    private AwsClients clients;
    private EcsTaskLauncher launcher;

    @BeforeEach
    void setUp() {
        aws = AwsStubServer.start();
        AwsSettings settings = AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.ECS, aws.endpoint())
                .withEndpoint(AwsService.SERVICE_QUOTAS, aws.endpoint());
        clients = new AwsClients(settings);
        launcher = new EcsTaskLauncher(clients::ecs, clients::serviceQuotas);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        aws.close();
    }

    @Test
    void tasks_runOfATest_listsByStartedByAndKeepsOnlyThatRun() throws Exception {
        aws.on("ListTasks", call -> Reply.ok(json(call).path("desiredStatus").asText().equals("RUNNING")
                ? "{\"taskArns\":[\"arn:aws:ecs:eu-west-1:1:task/c/aaa\",\"arn:aws:ecs:eu-west-1:1:task/c/bbb\"]}"
                : "{\"taskArns\":[\"arn:aws:ecs:eu-west-1:1:task/c/ccc\"]}"));
        aws.on("DescribeTasks", Reply.ok("""
                {"tasks":[
                  {"taskArn":"arn:aws:ecs:eu-west-1:1:task/c/aaa","lastStatus":"RUNNING","startedBy":"t1",
                   "tags":[{"key":"dlt:testId","value":"t1"},{"key":"dlt:testRunId","value":"r1"}]},
                  {"taskArn":"arn:aws:ecs:eu-west-1:1:task/c/bbb","lastStatus":"PENDING","startedBy":"t1",
                   "tags":[{"key":"dlt:testId","value":"t1"},{"key":"dlt:testRunId","value":"r0"}]},
                  {"taskArn":"arn:aws:ecs:eu-west-1:1:task/c/ccc","lastStatus":"STOPPED","startedBy":"t1",
                   "tags":[{"key":"dlt:testId","value":"t1"},{"key":"dlt:testRunId","value":"r1"}]}],
                 "failures":[]}"""));

        List<WorkerTask> tasks = launcher.tasks(REGION, "t1", "r1");

        assertThat(tasks).containsExactlyInAnyOrder(new WorkerTask("aaa", "t1", "r1", "RUNNING"),
                new WorkerTask("ccc", "t1", "r1", "STOPPED"));
        List<AwsStubServer.Call> lists = aws.calls("ListTasks");
        assertThat(lists).hasSize(2);
        assertThat(lists.get(0).target()).isEqualTo("AmazonEC2ContainerServiceV20141113.ListTasks");
        assertThat(json(lists.get(0)).path("cluster").asText()).isEqualTo("dlt-cluster-eu-west-1");
        assertThat(json(lists.get(0)).path("startedBy").asText()).isEqualTo("t1");
        JsonNode describe = json(aws.calls("DescribeTasks").get(0));
        assertThat(describe.path("include").get(0).asText()).isEqualTo("TAGS");
        assertThat(describe.path("tasks")).hasSize(3);
        assertThat(aws.calls("DescribeTasks").get(0).header("Host")).startsWith("127.0.0.1");
    }

    @Test
    void activeTasks_250Tasks_describedInChunksOf100() throws Exception {
        List<String> arns = IntStream.range(0, 250).mapToObj(i -> "\"arn:aws:ecs:eu-west-1:1:task/c/t" + i + "\"").toList();
        aws.on("ListTasks", call -> Reply.ok(json(call).has("nextToken")
                ? "{\"taskArns\":[" + String.join(",", arns.subList(150, 250)) + "]}"
                : "{\"taskArns\":[" + String.join(",", arns.subList(0, 150)) + "],\"nextToken\":\"p2\"}"));
        aws.on("DescribeTasks", call -> {
            List<String> described = new ArrayList<>();
            json(call).path("tasks").forEach(arn -> described.add(
                    "{\"taskArn\":\"" + arn.asText() + "\",\"lastStatus\":\"RUNNING\",\"startedBy\":\"t9\"}"));
            return Reply.ok("{\"tasks\":[" + String.join(",", described) + "]}");
        });

        List<WorkerTask> tasks = launcher.activeTasks(REGION);

        assertThat(tasks).hasSize(250).allSatisfy(t -> assertThat(t.testId()).isEqualTo("t9"));
        assertThat(aws.calls("DescribeTasks")).extracting(c -> json(c).path("tasks").size()).containsExactly(100, 100, 50);
        assertThat(json(aws.calls("ListTasks").get(0)).path("desiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(json(aws.calls("ListTasks").get(0)).has("startedBy")).isFalse();
    }

    @Test
    void activeTasks_clusterGone_isEmpty() {
        aws.on("ListTasks", Reply.error(400, "ClusterNotFoundException", "Cluster not found."));
        assertThat(launcher.activeTasks(REGION)).isEmpty();
        assertThat(aws.calls("DescribeTasks")).isEmpty();
    }

    @Test
    void capacity_quotaTaskSizeAndFargateTasksInEveryCluster_computesAvailableTasks() throws Exception {
        aws.on("GetServiceQuota", Reply.ok("{\"Quota\":{\"ServiceCode\":\"fargate\",\"QuotaCode\":\"L-3032A538\",\"Value\":40.0}}"));
        aws.on("DescribeTaskDefinition", Reply.ok("{\"taskDefinition\":{\"cpu\":\"2048\",\"memory\":\"4096\"}}"));
        aws.on("ListClusters", Reply.ok("{\"clusterArns\":[\"arn:c1\",\"arn:c2\"]}"));
        aws.on("ListTasks", call -> Reply.ok(json(call).path("cluster").asText().equals("arn:c1")
                ? "{\"taskArns\":[\"arn:x/task/c1/a\",\"arn:x/task/c1/b\"]}" : "{\"taskArns\":[\"arn:x/task/c2/c\"]}"));
        aws.on("DescribeTasks", call -> Reply.ok(json(call).path("cluster").asText().equals("arn:c1") ? """
                {"tasks":[{"taskArn":"arn:x/task/c1/a","lastStatus":"RUNNING","launchType":"FARGATE","cpu":"4096"},
                          {"taskArn":"arn:x/task/c1/b","lastStatus":"PROVISIONING","launchType":"FARGATE","cpu":"1024"}]}"""
                : """
                {"tasks":[{"taskArn":"arn:x/task/c2/c","lastStatus":"RUNNING","launchType":"EC2","cpu":"8192"}]}"""));

        Capacity capacity = launcher.capacity(REGION);

        assertThat(capacity).isEqualTo(new Capacity("eu-west-1", 40.0, 2.0, 5.0));
        assertThat(capacity.availableTasks()).isEqualTo(17);
        JsonNode quotaRequest = json(aws.calls("GetServiceQuota").get(0));
        assertThat(aws.calls("GetServiceQuota").get(0).target()).isEqualTo("ServiceQuotasV20190624.GetServiceQuota");
        assertThat(quotaRequest.path("ServiceCode").asText()).isEqualTo("fargate");
        assertThat(quotaRequest.path("QuotaCode").asText()).isEqualTo("L-3032A538");
        assertThat(json(aws.calls("DescribeTaskDefinition").get(0)).path("taskDefinition").asText())
                .isEqualTo(REGION.taskDefinition());
    }

    @Test
    void capacity_quotaNeverRaised_usesTheDefaultQuota() {
        aws.on("GetServiceQuota", Reply.error(400, "NoSuchResourceException", "no applied quota"));
        aws.on("GetAWSDefaultServiceQuota", Reply.ok("{\"Quota\":{\"Value\":6.0}}"));
        aws.on("DescribeTaskDefinition", Reply.ok("{\"taskDefinition\":{\"cpu\":\"1024\"}}"));
        aws.on("ListClusters", Reply.ok("{\"clusterArns\":[]}"));

        assertThat(launcher.capacity(REGION)).isEqualTo(new Capacity("eu-west-1", 6.0, 1.0, 0.0));
    }

    @Test
    void capacity_servicesFailing_isUnknownAndLaunchesNothing() {
        aws.on("GetServiceQuota", Reply.error(400, "AccessDeniedException", "no"));
        aws.on("DescribeTaskDefinition", Reply.error(400, "ClientException", "Unable to describe task definition."));
        aws.on("ListClusters", Reply.error(400, "AccessDeniedException", "no"));

        Capacity capacity = launcher.capacity(REGION);

        assertThat(capacity).isEqualTo(new Capacity("eu-west-1", null, null, null));
        assertThat(capacity.availableTasks()).isZero();
    }

    private static JsonNode json(AwsStubServer.Call call) {
        try {
            return JSON.readTree(call.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
