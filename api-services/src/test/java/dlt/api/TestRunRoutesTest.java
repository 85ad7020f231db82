package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlt.api.ApiFixture.Response;
import dlt.core.port.StorageKeys;
import dlt.core.run.RunStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestRunRoutesTest {

    private final ApiFixture api = new ApiFixture();

    @Test
    void listRuns_pagesNewestFirstWithNextToken() {
        api.seedTest("Shop123456", "Run0000001", "Run0000002", "Run0000003", "Run0000004", "Run0000005");
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("next_token", token);
            }
            Response page = api.call("GET", "/scenarios/Shop123456/testruns", query, null);
            assertThat(page.status()).isEqualTo(200);
            page.json().path("testRuns").forEach(r -> seen.add(r.path("testRunId").asText()));
            assertThat(page.json().path("pagination").path("total_count").asInt()).isEqualTo(5);
            assertThat(page.json().path("pagination").path("limit").asInt()).isEqualTo(2);
            JsonNode next = page.json().path("pagination").path("next_token");
            token = next.isNull() ? null : next.asText();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("Run0000005", "Run0000004", "Run0000003", "Run0000002", "Run0000001");
    }

    @Test
    void listRuns_metricsInDltV4Shape() {
        api.seedTest("Shop123456", "Run0000001");

        JsonNode run = api.call("GET", "/scenarios/Shop123456/testruns").json().path("testRuns").get(0);

        assertThat(run.path("status").asText()).isEqualTo("complete");
        assertThat(run.path("requests").asInt()).isEqualTo(1000);
        assertThat(run.path("success").asInt()).isEqualTo(995);
        assertThat(run.path("errors").asInt()).isEqualTo(5);
        assertThat(run.path("avgResponseTime").asDouble()).isEqualTo(20.0);
        assertThat(run.path("avgLatency").asDouble()).isEqualTo(10.0);
        assertThat(run.path("percentiles").path("p95").asDouble()).isEqualTo(50.0);
        assertThat(run.path("percentiles").path("p100").asDouble()).isEqualTo(300.0);
    }

    @Test
    void listRuns_latestAndTimeWindow_narrowTheList() {
        api.seedTest("Shop123456", "Run0000001", "Run0000002", "Run0000003");

        Response latest = api.call("GET", "/scenarios/Shop123456/testruns", Map.of("latest", "true"), null);
        Response window = api.call("GET", "/scenarios/Shop123456/testruns",
                Map.of("start_timestamp", "2026-03-01T09:15:00Z", "end_timestamp", "2026-03-01T09:25:00Z"), null);

        assertThat(latest.json().path("testRuns")).extracting(r -> r.path("testRunId").asText())
                .containsExactly("Run0000003");
        assertThat(window.json().path("testRuns")).extracting(r -> r.path("testRunId").asText())
                .containsExactly("Run0000002");
    }

    @Test
    void getRun_returnsWholeRun() {
        api.seedTest("Shop123456", "Run0000001");

        Response response = api.call("GET", "/scenarios/Shop123456/testruns/Run0000001");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("testRunId").asText()).isEqualTo("Run0000001");
        assertThat(response.json().path("testScenario").path("scenarios").has("Checkout")).isTrue();
        assertThat(response.json().path("summary").path("requests").asInt()).isEqualTo(1000);
        assertThat(response.json().path("results").path("total").path("throughput").asInt()).isEqualTo(1000);
    }

    @Test
    void artifacts_listsOnlyStoredFiles_asPresignedDownloads() {
        api.seedTest("Shop123456", "Run0000001");
        api.objects.put(StorageKeys.report("Shop123456", "Run0000001"), "<html/>".getBytes(StandardCharsets.UTF_8),
                "text/html");
        api.objects.put(StorageKeys.junit("Shop123456", "Run0000001"), "<testsuites/>".getBytes(StandardCharsets.UTF_8),
                "application/xml");

        Response response = api.call("GET", "/scenarios/Shop123456/testruns/Run0000001/artifacts");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("testId").asText()).isEqualTo("Shop123456");
        assertThat(response.json().path("testRunId").asText()).isEqualTo("Run0000001");
        JsonNode artifacts = response.json().path("artifacts");
        assertThat(artifacts.fieldNames()).toIterable().containsExactly("report", "junit");
        String url = artifacts.path("report").path("url").asText();
        assertThat(artifacts.path("report").path("expiresAt").asText()).isNotEmpty();
        var download = api.objects.download(url);
        assertThat(download.status()).isEqualTo(200);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("<html/>");
    }

    @Test
    void artifacts_runWithoutFiles_isAnEmptyList() {
        api.seedTest("Shop123456", "Run0000001");

        Response response = api.call("GET", "/scenarios/Shop123456/testruns/Run0000001/artifacts");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("artifacts").isObject()).isTrue();
        assertThat(response.json().path("artifacts").size()).isZero();
    }

    @Test
    void deleteRuns_removesRunsTheirObjectsAndLowersCount() {
        api.seedTest("Shop123456", "Run0000001", "Run0000002");
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        api.objects.put(StorageKeys.runResults("Shop123456", "Run0000001"), x, "application/json");
        api.objects.put(StorageKeys.runConfig("Shop123456", "Run0000001", "us-east-1"), x, "application/json");
        api.objects.put(StorageKeys.runResults("Shop123456", "Run0000002"), x, "application/json");

        Response response = api.call("DELETE", "/scenarios/Shop123456/testruns", "[\"Run0000001\", \"Nope000001\"]");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("deletedCount").asInt()).isEqualTo(1);
        assertThat(api.runs.find("Shop123456", "Run0000001")).isEmpty();
        assertThat(api.scenarios.find("Shop123456").orElseThrow().totalTestRuns()).isEqualTo(1);
        assertThat(api.objects.snapshot().keySet())
                .containsExactly(StorageKeys.runResults("Shop123456", "Run0000002"));
    }

    @Test
    void baseline_putGetDelete_roundTrip() {
        api.seedTest("Shop123456", "Run0000001", "Run0000002");

        Response none = api.call("GET", "/scenarios/Shop123456/baseline");
        Response put = api.call("PUT", "/scenarios/Shop123456/baseline", "{\"testRunId\": \"Run0000001\"}");
        Response replaced = api.call("PUT", "/scenarios/Shop123456/baseline", "{\"testRunId\": \"Run0000002\"}");
        Response get = api.call("GET", "/scenarios/Shop123456/baseline");
        Response idOnly = api.call("GET", "/scenarios/Shop123456/baseline", Map.of("data", "false"), null);
        Response deleted = api.call("DELETE", "/scenarios/Shop123456/baseline");

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("baselineId").isNull()).isTrue();
        assertThat(put.json().path("baselineId").asText()).isEqualTo("Run0000001");
        assertThat(replaced.json().path("previousBaselineId").asText()).isEqualTo("Run0000001");
        assertThat(get.json().path("testRunDetails").path("testRunId").asText()).isEqualTo("Run0000002");
        assertThat(idOnly.json().has("testRunDetails")).isFalse();
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("previousBaselineId").asText()).isEqualTo("Run0000002");
        assertThat(api.scenarios.find("Shop123456").orElseThrow().baselineId()).isNull();
    }

    @Test
    void deleteRuns_includingBaseline_conflictsAndDeletesNothing() {
        api.seedTest("Shop123456", "Run0000001", "Run0000002");
        api.call("PUT", "/scenarios/Shop123456/baseline", "{\"testRunId\": \"Run0000001\"}");
        ApiFixture.State before = api.state();

        Response response = api.call("DELETE", "/scenarios/Shop123456/testruns", "[\"Run0000002\", \"Run0000001\"]");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("BASELINE_CONFLICT");
        assertThat(response.field()).isEqualTo("[1]");
        assertThat(api.state()).isEqualTo(before);
    }

    @Test
    void baseline_onRunNotComplete_isRefused() {
        api.seedActive("Busy000001", "RunBusy001", RunStatus.RUNNING);

        Response response = api.call("PUT", "/scenarios/Busy000001/baseline", "{\"testRunId\": \"RunBusy001\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field()).isEqualTo("testRunId");
    }

    @Test
    void compare_againstBaseline_givesBothSummariesAndDeltas() {
        api.seedTest("Shop123456", "Run0000001", "Run0000002");
        api.call("PUT", "/scenarios/Shop123456/baseline", "{\"testRunId\": \"Run0000001\"}");

        Response response = api.call("GET", "/scenarios/Shop123456/testruns/Run0000002/compare");

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("baselineId").asText()).isEqualTo("Run0000001");
        assertThat(json.path("run").path("summary").path("requests").asInt()).isEqualTo(1100);
        assertThat(json.path("baseline").path("summary").path("requests").asInt()).isEqualTo(1000);
        JsonNode requests = json.path("deltas").path("requests");
        assertThat(requests.path("difference").asInt()).isEqualTo(100);
        assertThat(requests.path("percent").asDouble()).isEqualTo(10.0);
        assertThat(json.path("deltas").path("responseTimeMs.p95").path("difference").asDouble()).isEqualTo(1.0);
        assertThat(json.path("deltas").has("version")).isFalse();
    }

    @Test
    void compare_slowerThanBaselineBeyondTolerance_flagsTheRegression() {
        String[] runs = new String[12];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = String.format("Run%07d", i + 1);
        }
        api.seedTest("Shop123456", runs);
        api.call("PUT", "/scenarios/Shop123456/baseline", "{\"testRunId\": \"Run0000001\"}");

        JsonNode json = api.call("GET", "/scenarios/Shop123456/testruns/Run0000012/compare").json();

        // p95 61 ms against 50 ms: 22% slower, beyond the 10% tolerance; rps went up, which is better
        assertThat(json.path("deltas").path("responseTimeMs.p95").path("regression").asBoolean()).isTrue();
        assertThat(json.path("deltas").path("rps").path("regression").asBoolean()).isFalse();
        assertThat(json.path("regressions")).extracting(JsonNode::asText).containsExactly("responseTimeMs.p95");
        assertThat(json.path("tolerancePercent").asDouble()).isEqualTo(10.0);
    }

    @Test
    void compare_withoutBaseline_saysSo() {
        api.seedTest("Shop123456", "Run0000001");

        Response response = api.call("GET", "/scenarios/Shop123456/testruns/Run0000001/compare");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("NO_BASELINE_SET");
        assertThat(response.json().path("message").asText()).contains("PUT /scenarios/Shop123456/baseline");
    }
}
