package dlt.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform as a person gets it: HTTP only, token auth, a real distributed run, data surviving a restart. */
class LocalPlatformTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private LocalPlatform.Settings settings() {
        return LocalPlatform.Settings.defaults(dir).withPorts(0, 0, 0).withRegions(List.of("us-east-1"), 4)
                .withWorkerJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void up_runsATestOverHttp_andKeepsItsDataAcrossARestart() throws Exception {
        String testId;
        String runId;
        String token;
        LocalPlatform platform = LocalPlatform.start(settings());
        try {
            assertThat(platform.startup()).isLessThan(Duration.ofSeconds(10));
            JsonNode local = JSON.readTree(Files.readString(dir.resolve("local.json")));
            assertThat(fieldNames(local)).containsExactly("url", "console", "token", "mqtt");
            assertThat(fieldNames(local.path("mqtt"))).containsExactly("tcp", "ws");
            assertThat(local.path("url").asText()).isEqualTo("http://127.0.0.1:" + platform.port() + "/api");
            assertThat(local.path("console").asText())
                    .isEqualTo("http://127.0.0.1:" + platform.port() + "/#token=" + platform.token());
            assertThat(local.path("token").asText()).isEqualTo(platform.token()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(local.path("mqtt").path("tcp").asInt()).isEqualTo(platform.mqttPort());
            assertThat(local.path("mqtt").path("ws").asText()).matches("ws://127\\.0\\.0\\.1:\\d+/mqtt");
            assertThat(Files.getPosixFilePermissions(dir.resolve("token")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            token = platform.token();

            // auth: none, wrong, right
            HttpResponse<String> none = send(platform, "GET", "/scenarios", null, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(none.body()).path("code").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(send(platform, "GET", "/scenarios", "not-the-token", null).statusCode()).isEqualTo(401);
            assertThat(send(platform, "GET", "/scenarios", token, null).statusCode()).isEqualTo(200);

            // the console side
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + platform.port() + "/console-config.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(config.body())).isEqualTo(JSON.readTree(
                    "{\"apiBase\":\"/api\",\"mqttWs\":\"" + platform.mqttWebSocket() + "\",\"auth\":\"token\"}"));
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + platform.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("content-type").orElse("")).startsWith("text/html");

            // a distributed run with 2 tasks against the sample target
            HttpResponse<String> created = send(platform, "POST", "/scenarios", token, """
                    {"testName": "platform test", "testDescription": "two tasks", "testType": "simple",
                     "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 2}],
                     "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "3s", "scenario": "main"}],
                       "scenarios": {"main": {"requests": [{"url": "%s/fast", "method": "GET"}]}}}}
                    """.formatted(platform.sampleTarget()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.headers().firstValue("access-control-allow-origin"))
                    .contains("http://127.0.0.1:" + platform.port());
            JsonNode createdJson = JSON.readTree(created.body());
            testId = createdJson.path("testId").asText();
            runId = createdJson.path("testRunId").asText();
            assertThat(testId).isNotBlank();

            JsonNode details = null;
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                details = JSON.readTree(send(platform, "GET", "/scenarios/" + testId, token, null).body());
                if (Set.of("complete", "failed", "cancelled").contains(details.path("status").asText())) break;
                Thread.sleep(500);
            }
            assertThat(details.path("status").asText()).as(details.toPrettyString()).isEqualTo("complete");
            HttpResponse<String> run = send(platform, "GET", "/scenarios/" + testId + "/testruns/" + runId, token, null);
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains("\"results\"");
            TestRun stored = platform.runs().find(testId, runId).orElseThrow();
            assertThat(stored.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(JSON.readTree(stored.summary()).path("requests").asLong()).isPositive();
            assertThat(Files.walk(dir.resolve("s3")).anyMatch(p -> p.toString().endsWith("results.json"))).isTrue();

            // a run left active by a platform that stopped: written as queued, as the API would have
            platform.runs().create(TestRun.queued(stored.scenario(), "LEFTACTIVE", Instant.now()));
            platform.scenarios().beginRun(testId, "LEFTACTIVE", Instant.now());
        } finally {
            platform.close();
        }
        assertThat(dir.resolve("local.json")).doesNotExist();

        LocalPlatform again = LocalPlatform.start(settings());
        try {
            assertThat(again.token()).isEqualTo(token);
            assertThat(again.recoveredRuns()).isEqualTo(1);
            JsonNode list = JSON.readTree(send(again, "GET", "/scenarios", token, null).body());
            assertThat(list.toString()).contains(testId);
            assertThat(send(again, "GET", "/scenarios/" + testId + "/testruns/" + runId, token, null).statusCode())
                    .isEqualTo(200);
            TestRun left = again.runs().find(testId, "LEFTACTIVE").orElseThrow();
            assertThat(left.status()).isEqualTo(RunStatus.FAILED);
            assertThat(left.errorReason()).isEqualTo(LocalPlatform.STOPPED_REASON);
            assertThat(again.runs().find(testId, runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
        } finally {
            again.close();
        }
    }

    @Test
    void secondPlatform_onTheSameDirectory_refused() {
        LocalPlatform platform = LocalPlatform.start(settings());
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalPlatform.start(settings()))
                    .hasMessageContaining("another dlt platform is running");
            assertThat(dir.resolve("local.json")).exists();
        } finally {
            platform.close();
        }
    }

    private HttpResponse<String> send(LocalPlatform platform, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:" + platform.port())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
