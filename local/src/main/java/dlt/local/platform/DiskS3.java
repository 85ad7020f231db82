package dlt.local.platform;

import dlt.aws.AwsSettings.StaticCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * s3proxy on 127.0.0.1 and a free port, each bucket a folder of plain files under the directory given,
 * which outlives the platform. Clients sign with {@link #CREDENTIALS}; the worker JVMs get them too.
 */
final class DiskS3 implements AutoCloseable {
    static final StaticCredentials CREDENTIALS = new StaticCredentials("local", "localsecret");

    private final S3Proxy proxy;

    private DiskS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static DiskS3 start(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, CREDENTIALS.accessKeyId(),
                        CREDENTIALS.secretAccessKey())
                // the console (another loopback port) uploads scripts with presigned PUTs; nothing else crosses origins
                .corsRules(new CrossOriginResourceSharing(List.of("http://127\\.0\\.0\\.1:[0-9]+"), List.of("PUT"),
                        List.of("Content-Type"), List.of(), "false"))
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while s3proxy started", e);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start: " + e.getMessage(), e);
        }
        return new DiskS3(proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
