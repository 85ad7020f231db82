package dlt.local.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local embedded in this JVM (no HTTP port at all, unlike its server mode, which binds every
 * interface), its tables in one SQLite file under the data directory. Telemetry is off: the second
 * argument of {@code DynamoDBEmbedded.create} disables it whatever {@code DDB_LOCAL_TELEMETRY} says, so
 * nothing is sent and no metadata file is written.
 */
final class EmbeddedDynamoDb implements AutoCloseable {
    static final String DATABASE_FILE = "shared-local-instance.db";

    private final AmazonDynamoDBLocal local;
    private final DynamoDbClient client;

    private EmbeddedDynamoDb(AmazonDynamoDBLocal local) {
        this.local = local;
        this.client = local.dynamoDbClient();
    }

    /** Opens (or creates) the database in {@code directory}. */
    static EmbeddedDynamoDb open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return new EmbeddedDynamoDb(DynamoDBEmbedded.create(directory.resolve(DATABASE_FILE).toFile(), true));
    }

    DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            local.shutdownNow();
        }
    }
}
