package dlt.aws;

import dlt.aws.AwsSettings.StaticCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * s3proxy on loopback and a free port, storing buckets as plain files under a directory, for tests.
 * Clients sign with {@link #CREDENTIALS} and must use path-style access ({@link AwsClients} does when the
 * S3 endpoint is overridden).
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *     AwsSettings settings = s3.settings().withBucket("scenarios");
 *     AwsClients clients = new AwsClients(settings);
 *     clients.s3().createBucket(b -> b.bucket("scenarios"));
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final StaticCredentials CREDENTIALS = new StaticCredentials("local", "localsecret");

    private final S3Proxy proxy;
    private final Path directory;
    private final boolean ownsDirectory;

    private S3ProxyServer(S3Proxy proxy, Path directory, boolean ownsDirectory) {
        this.proxy = proxy;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
    }

    /** Starts on a new temporary directory, removed again by {@link #close()}. */
    public static S3ProxyServer start() {
        try {
            return start(Files.createTempDirectory("dlt-s3proxy"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for s3proxy", e);
        }
    }

    /** Starts on {@code directory} (each bucket a folder in it), which is left in place on close. */
    public static S3ProxyServer start(Path directory) {
        return start(directory, false);
    }

    private static S3ProxyServer start(Path directory, boolean ownsDirectory) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, CREDENTIALS.accessKeyId(),
                        CREDENTIALS.secretAccessKey())
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start within 20 s: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new S3ProxyServer(proxy, directory, ownsDirectory);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public Path directory() {
        return directory;
    }

    /** Settings for us-east-1 that send S3 calls here; add the bucket with {@code withBucket}. */
    public AwsSettings settings() {
        return AwsSettings.local("us-east-1", CREDENTIALS).withEndpoint(AwsService.S3, endpoint());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
        if (ownsDirectory) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + directory, e);
            }
        }
    }
}
