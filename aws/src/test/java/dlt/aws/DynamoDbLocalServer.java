package dlt.aws;

import dlt.aws.AwsSettings.StaticCredentials;
import java.net.URI;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local in server mode, in memory, on a free port, for tests. Server mode binds every interface
 * (it has no host option), which is acceptable for tests; the local platform uses the embedded form.
 *
 * <pre>{@code
 * try (DynamoDbLocalServer ddb = DynamoDbLocalServer.start()) {
 *     AwsSettings settings = ddb.settings().withTables("scenarios", "runs");
 *     ... new AwsClients(settings).dynamoDb() ...
 * }
 * }</pre>
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    public static final StaticCredentials CREDENTIALS = new StaticCredentials("local", "localsecret");

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a fresh in-memory DynamoDB Local (telemetry off, one shared database for every region and key). */
    public static DynamoDbLocalServer start() {
        Exception last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePort.find();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                        "-inMemory", "-sharedDb", "-disableTelemetry", "-port", String.valueOf(port)});
                server.start();
                return new DynamoDbLocalServer(server, port);
            } catch (Exception e) {
                last = e; // the port was taken between finding and binding it: try another
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Settings for us-east-1 that send DynamoDB calls here; add table names with {@code withTables}. */
    public AwsSettings settings() {
        return AwsSettings.local("us-east-1", CREDENTIALS).withEndpoint(AwsService.DYNAMODB, endpoint());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
