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
import dlt.core.port.TaskLauncher.LaunchException;
import dlt.core.run.RegionResources;
import dlt.core.run.WorkerContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        aws = AwsStubServer.start();
        AwsSettings settings = AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.ECS, aws.endpoint())
                .withEndpoint(AwsService.SERVICE_QUOTAS, aws.endpoint());
        clients = new AwsClients(settings);
        launcher = new EcsTaskLauncher(clients::ecs, clients::serviceQuotas, new EcsTaskLauncher.LaunchRetry(
                4, Duration.ofSeconds(1), Duration.ofSeconds(8), sleeps::add));
    }

    private static final WorkerContract WORKER = new WorkerContract("dlt-bucket", null, "us-east-1", "t1", "r1",
            "eu-west-1", null, "simple", "none", true, 1200);

    /** Answers RunTask with {@code count} new tasks, numbered across calls. */
    private static AwsStubServer.Reply startAll(AwsStubServer.Call call, AtomicInteger next) {
        int count = json(call).path("count").asInt();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add("{\"taskArn\":\"arn:aws:ecs:eu-west-1:1:task/c/task" + next.incrementAndGet() + "\"}");
        }
        return Reply.ok("{\"tasks\":[" + String.join(",", tasks) + "],\"failures\":[]}");
    }

    private void workerTaskDefinition() {
        aws.on("DescribeTaskDefinition", Reply.ok("{\"taskDefinition\":{\"cpu\":\"2048\","
                + "\"containerDefinitions\":[{\"name\":\"dlt-load-tester\"}]}}"));
    }

    @Test
    void launch_25Tasks_issuesRunTaskCallsOfAtMost10WithTheWorkersContract() throws Exception {
        workerTaskDefinition();
        AtomicInteger next = new AtomicInteger();
        aws.on("RunTask", call -> startAll(call, next));

        List<String> ids = launcher.launch(REGION, WORKER, 25);

        assertThat(ids).hasSize(25).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("task"));
        List<AwsStubServer.Call> runs = aws.calls("RunTask");
        assertThat(runs).extracting(c -> json(c).path("count").asInt()).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(runs.get(0).target()).isEqualTo("AmazonEC2ContainerServiceV20141113.RunTask");
        JsonNode request = json(runs.get(0));
        assertThat(request.path("cluster").asText()).isEqualTo("dlt-cluster-eu-west-1");
        assertThat(request.path("taskDefinition").asText()).isEqualTo(REGION.taskDefinition());
        assertThat(request.path("launchType").asText()).isEqualTo("FARGATE");
        assertThat(request.path("startedBy").asText()).isEqualTo("t1");
        assertThat(request.path("tags").toString())
                .isEqualTo("[{\"key\":\"dlt:testId\",\"value\":\"t1\"},{\"key\":\"dlt:testRunId\",\"value\":\"r1\"}]");
        JsonNode vpc = request.path("networkConfiguration").path("awsvpcConfiguration");
        assertThat(vpc.path("subnets").toString()).isEqualTo("[\"subnet-a\",\"subnet-b\"]");
        assertThat(vpc.path("securityGroups").toString()).isEqualTo("[\"sg-123\"]");
        assertThat(vpc.path("assignPublicIp").asText()).isEqualTo("ENABLED");
        JsonNode container = request.path("overrides").path("containerOverrides").get(0);
        assertThat(container.path("name").asText()).isEqualTo("dlt-load-tester");
        List<String> environment = new ArrayList<>();
        container.path("environment").forEach(e -> environment.add(e.path("name").asText() + "=" + e.path("value").asText()));
        assertThat(environment).containsExactly("S3_BUCKET=dlt-bucket", "MAIN_STACK_REGION=us-east-1", "TEST_ID=t1",
                "TEST_RUN_ID=r1", "TEST_REGION=eu-west-1", "TEST_TYPE=simple", "FILE_TYPE=none",
                "LIVE_DATA_ENABLED=live=true", "TIMEOUT=1200");
        assertThat(aws.calls("DescribeTaskDefinition")).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void launch_capacityUnavailableThenAvailable_retriesOnlyTheMissingTasksWithBackoff() throws Exception {
        workerTaskDefinition();
        AtomicInteger calls = new AtomicInteger();
        aws.on("RunTask", call -> calls.incrementAndGet() == 1
                ? Reply.ok("{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:eu-west-1:1:task/c/first\"}],"
                        + "\"failures\":[{\"reason\":\"Capacity is unavailable at this time. Please try again later.\"},"
                        + "{\"reason\":\"Capacity is unavailable at this time. Please try again later.\"}]}")
                : Reply.ok("{\"tasks\":[{\"taskArn\":\"arn:x/task/c/second\"},{\"taskArn\":\"arn:x/task/c/third\"}]}"));

        List<String> ids = launcher.launch(REGION, WORKER, 3);

        assertThat(ids).containsExactly("first", "second", "third");
        assertThat(aws.calls("RunTask")).extracting(c -> json(c).path("count").asInt()).containsExactly(3, 2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void launch_noCapacityEveryTime_givesUpAfterTheAttemptsWithTheReason() {
        workerTaskDefinition();
        aws.on("RunTask", Reply.ok("{\"tasks\":[],\"failures\":[{\"reason\":\"Capacity is unavailable at this time.\"},"
                + "{\"reason\":\"Capacity is unavailable at this time.\"}]}"));

        assertThatThrownBy(() -> launcher.launch(REGION, WORKER, 2))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("only 0 of 2 workers started in eu-west-1")
                .hasMessageContaining("Capacity is unavailable at this time.")
                .satisfies(e -> assertThat(((LaunchException) e).startedTaskIds()).isEmpty());
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void launch_badSubnet_failsAtOnceWithEcsReason() {
        workerTaskDefinition();
        aws.on("RunTask", Reply.error(400, "InvalidParameterException", "Error retrieving subnet information for [subnet-a]"));

        assertThatThrownBy(() -> launcher.launch(REGION, WORKER, 12))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("subnet-a");
        assertThat(aws.calls("RunTask")).hasSize(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void launch_someStartSomeRefusedForGood_reportsStartedIds() {
        workerTaskDefinition();
        aws.on("RunTask", Reply.ok("{\"tasks\":[{\"taskArn\":\"arn:x/task/c/ok\"}],"
                + "\"failures\":[{\"reason\":\"MISSING\",\"detail\":\"image pull denied\"}]}"));

        assertThatThrownBy(() -> launcher.launch(REGION, WORKER, 2))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("MISSING (image pull denied)")
                .satisfies(e -> assertThat(((LaunchException) e).startedTaskIds()).containsExactly("ok"));
    }

    @Test
    void stop_runningTask_sendsStopTaskWithClusterAndReason() throws Exception {
        aws.on("StopTask", Reply.ok("{\"task\":{\"taskArn\":\"arn:x/task/c/abc\",\"desiredStatus\":\"STOPPED\"}}"));

        launcher.stop(REGION, "abc", "dlt: run r1 cancelled");

        JsonNode request = json(aws.calls("StopTask").get(0));
        assertThat(aws.calls("StopTask").get(0).target()).isEqualTo("AmazonEC2ContainerServiceV20141113.StopTask");
        assertThat(request.path("cluster").asText()).isEqualTo("dlt-cluster-eu-west-1");
        assertThat(request.path("task").asText()).isEqualTo("abc");
        assertThat(request.path("reason").asText()).isEqualTo("dlt: run r1 cancelled");
    }

    @Test
    void stop_unknownTaskOrGoneCluster_isNotAnError() {
        aws.on("StopTask", Reply.error(400, "InvalidParameterException", "The referenced task was not found."));
        launcher.stop(REGION, "gone", "x".repeat(400));
        assertThat(json(aws.calls("StopTask").get(0)).path("reason").asText()).hasSize(255);

        aws.on("StopTask", Reply.error(400, "ClusterNotFoundException", "Cluster not found."));
        launcher.stop(REGION, "gone", "again");
        assertThat(aws.calls("StopTask")).hasSize(2);
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
