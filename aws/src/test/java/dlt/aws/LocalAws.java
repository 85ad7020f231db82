package dlt.aws;

import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import dlt.aws.dynamodb.DynamoDbTables;
import dlt.aws.dynamodb.DynamoDbTestRunRepository;
import dlt.aws.s3.S3ObjectStore;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB Local and s3proxy together, with dlt's tables and bucket created: what an end-to-end test
 * needs to run handlers on real adapters. {@link #fresh()} gives new, empty tables and bucket on the same
 * servers, so one server pair can serve every test of a class.
 *
 * <pre>{@code
 * static LocalAws aws;
 * @BeforeAll static void start() { aws = LocalAws.start(); }
 * @AfterAll static void stop() { aws.close(); }
 * @BeforeEach void setUp() { LocalAws.Resources r = aws.fresh(); ... r.scenarios(), r.runs(), r.objects() ... }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {

    private static final AtomicInteger GENERATION = new AtomicInteger();

    private final DynamoDbLocalServer dynamoDb;
    private final S3ProxyServer s3;
    private final AwsClients clients;

    /** Fresh tables and a fresh bucket, with the adapters over them. */
    public record Resources(AwsSettings settings, DynamoDbScenarioRepository scenarios, DynamoDbTestRunRepository runs,
                            S3ObjectStore objects) {
    }

    private LocalAws(DynamoDbLocalServer dynamoDb, S3ProxyServer s3) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.clients = new AwsClients(settings("unused"));
    }

    public static LocalAws start() {
        DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start();
        try {
            return new LocalAws(dynamoDb, S3ProxyServer.start());
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
    }

    public AwsClients clients() {
        return clients;
    }

    /** New empty tables and bucket (names unique on these servers), and adapters over them. */
    public Resources fresh() {
        int n = GENERATION.incrementAndGet();
        AwsSettings settings = settings("dlt-scenarios-" + n).withTables("dlt-scenarios-" + n, "dlt-runs-" + n);
        DynamoDbTables.createIfMissing(clients.dynamoDb(), settings);
        clients.s3().createBucket(b -> b.bucket(settings.scenariosBucket()));
        return new Resources(settings,
                new DynamoDbScenarioRepository(clients.dynamoDb(), settings.scenariosTable()),
                new DynamoDbTestRunRepository(clients.dynamoDb(), settings.historyTable(), settings.historyStartTimeIndex()),
                new S3ObjectStore(clients.s3(), clients.s3Presigner(), settings.scenariosBucket(), Clock.systemUTC()));
    }

    private AwsSettings settings(String bucket) {
        return AwsSettings.local("us-east-1", DynamoDbLocalServer.CREDENTIALS)
                .withEndpoint(AwsService.DYNAMODB, dynamoDb.endpoint())
                .withEndpoint(AwsService.S3, s3.endpoint())
                .withBucket(bucket);
    }

    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            try {
                s3.close();
            } finally {
                dynamoDb.close();
            }
        }
    }
}
