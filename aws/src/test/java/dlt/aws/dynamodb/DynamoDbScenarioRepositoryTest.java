package dlt.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.aws.AwsClients;
import dlt.aws.AwsSettings;
import dlt.aws.DynamoDbLocalServer;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.contract.ContractFixtures;
import dlt.core.port.contract.ScenarioRepositoryContract;
import dlt.core.run.RegionResources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbScenarioRepositoryTest extends ScenarioRepositoryContract {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocalServer server;
    private static AwsClients clients;
    private String table;

    @BeforeAll
    static void startDynamoDb() {
        server = DynamoDbLocalServer.start();
        clients = new AwsClients(server.settings());
    }

    @AfterAll
    static void stopDynamoDb() {
        clients.close();
        server.close();
    }

    @Override
    protected ScenarioRepository createRepository() {
        int n = TABLES.incrementAndGet();
        table = "scenarios-" + n;
        AwsSettings settings = server.settings().withTables(table, "runs-" + n);
        DynamoDbTables.createIfMissing(clients.dynamoDb(), settings);
        return new DynamoDbScenarioRepository(clients.dynamoDb(), table);
    }

    @Test
    void put_scenario_keepsDltAttributeNames() {
        repository.put(ContractFixtures.stored("t1"));
        Map<String, AttributeValue> item = dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of("testId", AttributeValue.fromS("t1")))).item();
        assertThat(item).containsKeys("testName", "testDescription", "testType", "fileType", "testTaskConfigs",
                "testScenario", "showLive", "status", "tags", "totalTestRuns", "scenario", "createdAt");
        assertThat(item.get("status").s()).isEqualTo("created");
        assertThat(item.get("testTaskConfigs").l().get(0).m().get("concurrency").n()).isEqualTo("50");
        assertThat(item.get("testScenario").s()).contains("\"hold-for\":\"2m\"");
    }

    @Test
    void region_rowWrittenByDlt_isRead() {
        dynamoDb().putItem(b -> b.tableName(table).item(Map.of(
                "testId", AttributeValue.fromS("region-eu-west-1"),
                "region", AttributeValue.fromS("eu-west-1"),
                "taskCluster", AttributeValue.fromS("dlt-cluster"),
                "taskDefinition", AttributeValue.fromS("arn:task-def"),
                "taskImage", AttributeValue.fromS("image"),
                "subnetA", AttributeValue.fromS("subnet-1"),
                "subnetB", AttributeValue.fromS("subnet-2"),
                "taskSecurityGroup", AttributeValue.fromS("sg-1"),
                "ecsCloudWatchLogGroup", AttributeValue.fromS("log-group"))));
        assertThat(repository.region("eu-west-1")).contains(new RegionResources("eu-west-1", "dlt-cluster",
                "arn:task-def", "image", List.of("subnet-1", "subnet-2"), "sg-1", "log-group"));
    }

    @Test
    void prime_missingItem_doesNotFail() {
        ((DynamoDbScenarioRepository) repository).prime();
        assertThat(repository.list()).isEmpty();
    }

    private static DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }
}
