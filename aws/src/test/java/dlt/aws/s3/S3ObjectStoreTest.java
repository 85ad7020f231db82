package dlt.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.aws.AwsClients;
import dlt.aws.S3ProxyServer;
import dlt.core.port.ObjectStore;
import dlt.core.port.ObjectStore.PresignedUpload;
import dlt.core.port.contract.ObjectStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ObjectStoreTest extends ObjectStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;
    private static AwsClients clients;

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start();
        clients = new AwsClients(server.settings());
    }

    @AfterAll
    static void stopS3() {
        clients.close();
        server.close();
    }

    @Override
    protected ObjectStore createStore() {
        String bucket = "scenarios-" + BUCKETS.incrementAndGet();
        clients.s3().createBucket(b -> b.bucket(bucket));
        return new S3ObjectStore(clients.s3(), clients.s3Presigner(), bucket, Clock.systemUTC());
    }

    @Test
    void presignPut_otherContentType_isRefused() throws Exception {
        PresignedUpload upload = store.presignPut("public/test-scenarios/k6/t1.js", "application/javascript",
                Duration.ofMinutes(1));
        int status = uploadTo(upload, "text/html", "<script/>".getBytes(StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(403);
        assertThat(store.get("public/test-scenarios/k6/t1.js")).isEmpty();
    }

    @Test
    void deletePrefix_moreThanOneBatch_removesAll() {
        for (int i = 0; i < 1005; i++) {
            store.put("results/t1/r1/" + i, new byte[0], "application/octet-stream");
        }
        store.deletePrefix("results/t1/");
        assertThat(store.list("results/")).isEmpty();
    }

    @Test
    void prime_emptyBucket_doesNotFail() {
        ((S3ObjectStore) store).prime();
        assertThat(store.list("")).isEmpty();
    }
}
