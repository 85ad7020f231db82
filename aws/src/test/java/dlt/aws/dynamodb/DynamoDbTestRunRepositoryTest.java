package dlt.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.aws.AwsClients;
import dlt.aws.AwsSettings;
import dlt.aws.DynamoDbLocalServer;
import dlt.core.port.TestRunRepository;
import dlt.core.port.TestRunRepository.RunQuery;
import dlt.core.port.contract.ContractFixtures;
import dlt.core.port.contract.TestRunRepositoryContract;
import dlt.core.run.TestRun;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbTestRunRepositoryTest extends TestRunRepositoryContract {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocalServer server;
    private static AwsClients clients;
    private AwsSettings settings;

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
    protected TestRunRepository createRepository() {
        int n = TABLES.incrementAndGet();
        settings = server.settings().withTables("scenarios-" + n, "runs-" + n);
        DynamoDbTables.createIfMissing(clients.dynamoDb(), settings);
        return new DynamoDbTestRunRepository(clients.dynamoDb(), settings.historyTable(), settings.historyStartTimeIndex());
    }

    @Test
    void create_run_storesSortableStartTimeAndDltNames() {
        repository.create(ContractFixtures.run("t1", "r1", ContractFixtures.T0));
        Map<String, AttributeValue> item = clients.dynamoDb().getItem(b -> b.tableName(settings.historyTable())
                .key(Map.of("testId", AttributeValue.fromS("t1"), "testRunId", AttributeValue.fromS("r1")))).item();
        assertThat(item.get("startTime").s()).isEqualTo("2025-03-01T10:00:00.123456789Z");
        assertThat(item.get("status").s()).isEqualTo("queued");
        assertThat(item).containsKeys("testType", "scenario");
    }

    @Test
    void list_tokenOutsideTheWindow_throwsIllegalArgument() {
        for (int i = 0; i < 3; i++) {
            repository.create(ContractFixtures.run("t1", "run-" + i, ContractFixtures.T0.plusSeconds(60L * i)));
        }
        String token = repository.list("t1", RunQuery.first(1)).nextToken();
        RunQuery earlyWindow = new RunQuery(1, ContractFixtures.T0.minusSeconds(600), ContractFixtures.T0.minusSeconds(300), token);
        assertThatThrownBy(() -> repository.list("t1", earlyWindow)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_resultsTooLargeForAnItem_isRefusedWithAClearMessage() {
        TestRun huge = new TestRun("t1", "r1", dlt.core.run.RunStatus.QUEUED, ContractFixtures.T0, null, null, null,
                "x".repeat(500_000), null, null, false, null);
        assertThatThrownBy(() -> repository.create(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }
}
