package dlt.core.port.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.port.ObjectStore;
import dlt.core.port.ObjectStore.PresignedDownload;
import dlt.core.port.ObjectStore.PresignedUpload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ObjectStore} does; run against the fake and against each adapter. */
public abstract class ObjectStoreContract {

    protected ObjectStore store;

    /** A new, empty store. */
    protected abstract ObjectStore createStore();

    /**
     * Plays a client's PUT to a presigned URL and returns the HTTP status. By default a real HTTP PUT;
     * a fake that has no HTTP endpoint overrides this.
     */
    protected int uploadTo(PresignedUpload upload, String contentType, byte[] body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(upload.url()))
                    .header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** What a client's GET of a presigned URL answered. */
    public record Fetched(int status, byte[] body) {
    }

    /**
     * Plays a client's GET of a presigned URL, without credentials. By default a real HTTP GET; a fake
     * that has no HTTP endpoint overrides this.
     */
    protected Fetched downloadFrom(PresignedDownload download) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(download.url())).GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Fetched(response.statusCode(), response.body());
        }
    }

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    @Test
    void put_thenGet_returnsTheBytes() {
        store.put("test-scenarios/t1/r1/us-east-1.json", "{\"a\":1}".getBytes(UTF_8), "application/json");
        assertThat(store.get("test-scenarios/t1/r1/us-east-1.json")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, UTF_8)).isEqualTo("{\"a\":1}"));
    }

    @Test
    void put_existingKey_replacesIt() {
        store.put("k", "one".getBytes(UTF_8), "text/plain");
        store.put("k", "second".getBytes(UTF_8), "text/plain");
        assertThat(store.get("k")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("second"));
    }

    @Test
    void get_missingKey_isEmpty() {
        assertThat(store.get("results/none")).isEmpty();
    }

    @Test
    void size_existingAndMissing_bytesOrEmpty() {
        store.put("a/b.bin", new byte[1234], "application/octet-stream");
        assertThat(store.size("a/b.bin")).hasValue(1234);
        assertThat(store.size("a/none.bin")).isEmpty();
    }

    @Test
    void list_prefix_returnsKeysUnderItInKeyOrder() {
        store.put("results/t1/r1/us-east-1/b.json", new byte[1], "application/json");
        store.put("results/t1/r1/us-east-1/a.json", new byte[1], "application/json");
        store.put("results/t1/r2/eu-west-1/c.json", new byte[1], "application/json");
        store.put("results/t10/r1/x.json", new byte[1], "application/json");
        assertThat(store.list("results/t1/")).containsExactly("results/t1/r1/us-east-1/a.json",
                "results/t1/r1/us-east-1/b.json", "results/t1/r2/eu-west-1/c.json");
        assertThat(store.list("results/t1/r1/")).hasSize(2);
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void delete_key_removesOnlyIt() {
        store.put("a", new byte[1], "text/plain");
        store.put("b", new byte[1], "text/plain");
        store.delete("a");
        store.delete("never-there");
        assertThat(store.get("a")).isEmpty();
        assertThat(store.get("b")).isPresent();
    }

    @Test
    void deletePrefix_prefix_removesEverythingUnderItOnly() {
        for (int i = 0; i < 25; i++) {
            store.put("results/t1/r1/task-" + i + ".json", new byte[1], "application/json");
        }
        store.put("results/t10/keep.json", new byte[1], "application/json");
        store.put("test-scenarios/t1/r1/us-east-1.json", new byte[1], "application/json");
        store.deletePrefix("results/t1/");
        assertThat(store.list("results/")).containsExactly("results/t10/keep.json");
        assertThat(store.list("test-scenarios/")).hasSize(1);
    }

    @Test
    void presignPut_clientPutsWithoutCredentials_objectIsStored() throws Exception {
        String key = "public/test-scenarios/jmeter/t1.jmx";
        Instant before = Instant.now();
        PresignedUpload upload = store.presignPut(key, "application/xml", Duration.ofMinutes(5));
        assertThat(upload.key()).isEqualTo(key);
        assertThat(upload.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
        assertThat(upload.url()).startsWith("http");

        int status = uploadTo(upload, "application/xml", "<jmeterTestPlan/>".getBytes(UTF_8));

        assertThat(status).isEqualTo(200);
        assertThat(store.get(key)).hasValueSatisfying(
                b -> assertThat(new String(b, UTF_8)).isEqualTo("<jmeterTestPlan/>"));
    }

    @Test
    void presignGet_clientGetsWithoutCredentials_receivesTheBytes() throws Exception {
        String key = "results/t1/r1/report.html";
        store.put(key, "<html>report</html>".getBytes(UTF_8), "text/html");
        Instant before = Instant.now();
        PresignedDownload download = store.presignGet(key, Duration.ofMinutes(5));
        assertThat(download.key()).isEqualTo(key);
        assertThat(download.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
        assertThat(download.url()).startsWith("http");

        Fetched fetched = downloadFrom(download);

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(new String(fetched.body(), UTF_8)).isEqualTo("<html>report</html>");
    }
}
