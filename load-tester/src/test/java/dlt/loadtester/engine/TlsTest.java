package dlt.loadtester.engine;

import static dlt.loadtester.engine.EngineRuns.SECOND;
import static dlt.loadtester.engine.EngineRuns.get;
import static dlt.loadtester.engine.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dlt.core.result.WorkerResult;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a JDK server with a self-signed certificate made for the test. */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static ExecutorService executor;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        try {
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finishes").isTrue();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.exitValue()).as(output).isZero();
        } finally {
            keytool.destroyForcibly();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"secure\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.stop(0);
        if (executor != null) executor.shutdownNow();
    }

    @Test
    void run_selfSignedCertificateTrusted_everyRequestSucceeds() throws Exception {
        WorkerResult result = run(plan(true));

        assertThat(result.total().requests()).isGreaterThan(10);
        assertThat(result.total().failures()).isZero();
        assertThat(result.total().statusCodes()).containsExactly(Map.entry(200, result.total().requests()));
        assertThat(result.total().bytesReceived()).isGreaterThan(15 * result.total().requests());
        assertThat(result.total().connectTime().getTotalCount()).isEqualTo(2);
    }

    @Test
    void run_selfSignedCertificateNotTrusted_everyRequestFailsWithTlsError() throws Exception {
        WorkerResult result = run(plan(false));

        EngineRuns.assertAllFailedWith(result, "tls_error");
        assertThat(result.total().statusCodes()).isEmpty();
    }

    private static LoadPlan plan(boolean trustAll) {
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/secure");
        return EngineRuns.plan(new LoadModel.Closed(2, 0, SECOND, 0), 0, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS,
                trustAll, get("secure", uri));
    }
}
