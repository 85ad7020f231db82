package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.ApiFixture.Response;
import dlt.core.run.RunStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad request, one row each: the status, code and field the API answers, and that
 * nothing at all was written (stores, bucket, workflows, cancels).
 */
class BadInputTest {

    private static final String CHECKOUT = "/testScenario/scenarios/Checkout/requests/0";
    private static final String REQUEST_PATH = "testScenario.scenarios.Checkout.requests[0]";

    record Case(String name, String method, String path, Map<String, String> query, String body, boolean base64,
                int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void request_badInput_refusedWithCodeAndFieldAndNothingWritten(Case c) {
        ApiFixture api = seeded();
        ApiFixture.State before = api.state();

        Response response = api.call(ApiFixture.event(c.method(), c.path(), c.query(), c.body())
                .withIsBase64Encoded(c.base64()));

        assertThat(response.status()).as(response.body()).isEqualTo(c.status());
        assertThat(response.code()).as(response.body()).isEqualTo(c.code());
        assertThat(response.field()).as(response.body()).isEqualTo(c.field());
        assertThat(response.json().path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(api.state()).isEqualTo(before);
    }

    private static ApiFixture seeded() {
        ApiFixture api = new ApiFixture();
        api.seedTest("Shop123456", "Run0000001", "Run0000002");
        api.scenarios.setBaseline("Shop123456", "Run0000001");
        api.seedTest("Plain00001", "Run0000001");
        api.seedActive("Busy000001", "RunBusy001", RunStatus.RUNNING);
        return api;
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // --- POST /scenarios: JSON itself
        cases.add(post("malformed JSON", "{\"testName\": ", 400, "INVALID_REQUEST_BODY", null));
        cases.add(post("empty body", "", 400, "INVALID_REQUEST_BODY", null));
        cases.add(post("no body", null, 400, "INVALID_REQUEST_BODY", null));
        cases.add(post("array instead of object", "[]", 400, "INVALID_REQUEST_BODY", null));
        cases.add(post("duplicate key", "{\"testName\": \"abc\", \"testName\": \"abd\"}", 400,
                "INVALID_REQUEST_BODY", null));
        cases.add(post("trailing garbage", valid() + " x", 400, "INVALID_REQUEST_BODY", null));
        // --- top-level fields
        cases.add(post("testName missing", without("", "testName"), 400, "INVALID_REQUEST_BODY", "testName"));
        cases.add(post("testName too short", with("", "testName", "ab"), 400, "INVALID_REQUEST_BODY", "testName"));
        cases.add(post("testName too long", with("", "testName", "n".repeat(256)), 400, "INVALID_REQUEST_BODY",
                "testName"));
        cases.add(post("testName control char", with("", "testName", "line\nbreak"), 400, "INVALID_REQUEST_BODY",
                "testName"));
        cases.add(post("testName number", withNode("", "testName", "42"), 400, "INVALID_REQUEST_BODY",
                "testName"));
        cases.add(post("testDescription missing", without("", "testDescription"), 400, "INVALID_REQUEST_BODY",
                "testDescription"));
        cases.add(post("testDescription too short", with("", "testDescription", "x"), 400, "INVALID_REQUEST_BODY",
                "testDescription"));
        cases.add(post("testType unknown", with("", "testType", "gatling"), 400, "INVALID_REQUEST_BODY",
                "testType"));
        cases.add(post("testType missing", without("", "testType"), 400, "INVALID_REQUEST_BODY", "testType"));
        cases.add(post("testType jmeter not available", script("jmeter", "Shop123456.jmx"), 400,
                "UNSUPPORTED_TEST_TYPE", "testType"));
        cases.add(post("testType k6 not available", script("k6", "Shop123456.js"), 400, "UNSUPPORTED_TEST_TYPE",
                "testType"));
        cases.add(post("testType locust not available", script("locust", "Shop123456.py"), 400,
                "UNSUPPORTED_TEST_TYPE", "testType"));
        cases.add(post("fileType unknown", with("", "fileType", "exe"), 400, "INVALID_REQUEST_BODY", "fileType"));
        cases.add(post("fileType script for simple", with("", "fileType", "script"), 400, "INVALID_REQUEST_BODY",
                "fileType"));
        cases.add(post("unknown top-level field", withNode("", "color", "\"red\""), 400, "INVALID_REQUEST_BODY",
                "color"));
        cases.add(post("showLive string", with("", "showLive", "yes"), 400, "INVALID_REQUEST_BODY", "showLive"));
        cases.add(post("saveOnly string", with("", "saveOnly", "true"), 400, "INVALID_REQUEST_BODY", "saveOnly"));
        cases.add(post("tags too many", withNode("", "tags", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]"), 400,
                "INVALID_REQUEST_BODY", "tags"));
        cases.add(post("tags not array", with("", "tags", "a,b"), 400, "INVALID_REQUEST_BODY", "tags"));
        cases.add(post("tag not string", withNode("", "tags", "[1]"), 400, "INVALID_REQUEST_BODY", "tags[0]"));
        cases.add(post("testId traversal", with("", "testId", "../../etc"), 400, "INVALID_REQUEST_BODY", "testId"));
        cases.add(post("testId with slash", with("", "testId", "a/b"), 400, "INVALID_REQUEST_BODY", "testId"));
        cases.add(post("testId too long", with("", "testId", "a".repeat(129)), 400, "INVALID_REQUEST_BODY",
                "testId"));
        cases.add(post("testId names a region row", with("", "testId", "region-us-east-1"), 400,
                "INVALID_REQUEST_BODY", "testId"));
        cases.add(post("testId of active test", with("", "testId", "Busy000001"), 409, "TEST_RUNNING", "testId"));
        // --- schedules: every field, and the rules that depend on the clock (2026-03-01T10:00Z) and the test (2m30s)
        cases.add(post("scheduleDate without scheduleTime", schedule("scheduleDate", "2026-03-02"), 400,
                "INVALID_REQUEST_BODY", "scheduleTime"));
        cases.add(post("recurrence without a first run", schedule("recurrence", "daily", "scheduleTime", "09:00"), 400,
                "INVALID_REQUEST_BODY", "scheduleDate"));
        cases.add(post("one-time run in the past", schedule("scheduleDate", "2026-03-01", "scheduleTime", "09:00"), 400,
                "INVALID_REQUEST_BODY", "scheduleDate"));
        cases.add(post("one-time run less than a minute ahead", schedule("scheduleDate", "2026-03-01",
                "scheduleTime", "10:00"), 400, "INVALID_REQUEST_BODY", "scheduleDate"));
        cases.add(post("one-time run in a DST gap", schedule("scheduleDate", "2026-03-29", "scheduleTime", "02:30",
                "scheduleTimezone", "Europe/Paris"), 400, "INVALID_REQUEST_BODY", "scheduleTime"));
        cases.add(post("scheduleTime with seconds", schedule("scheduleDate", "2026-03-02", "scheduleTime", "10:00:30"),
                400, "INVALID_REQUEST_BODY", "scheduleTime"));
        cases.add(post("recurrence unknown", schedule("scheduleDate", "2026-03-02", "scheduleTime", "10:00",
                "recurrence", "hourly"), 400, "INVALID_REQUEST_BODY", "recurrence"));
        cases.add(post("cron runs overlapping the test", schedule("cronValue", "*/2 * * * *"), 400,
                "INVALID_REQUEST_BODY", "cronValue"));
        cases.add(post("recurrence overlapping a long test", edit(root -> {
            root.put("scheduleDate", "2026-03-02").put("scheduleTime", "10:00").put("recurrence", "daily");
            ((ObjectNode) root.at("/testScenario/execution/0")).put("hold-for", "2d");
        }), 400, "INVALID_REQUEST_BODY", "recurrence"));
        cases.add(post("cron day-of-week out of range", schedule("cronValue", "0 12 * * 8"), 400,
                "INVALID_REQUEST_BODY", "cronValue"));
        cases.add(post("cron in EventBridge's 6 fields", schedule("cronValue", "0 12 ? * MON *"), 400,
                "INVALID_REQUEST_BODY", "cronValue"));
        cases.add(post("cron that never matches", schedule("cronValue", "0 0 30 2 *"), 400,
                "INVALID_REQUEST_BODY", "cronValue"));
        cases.add(post("expiry before the next run", schedule("scheduleDate", "2026-03-05", "scheduleTime", "09:00",
                "recurrence", "weekly", "cronExpiryDate", "2026-03-04"), 400, "INVALID_REQUEST_BODY", "cronExpiryDate"));
        cases.add(post("expiry with a one-time run", schedule("scheduleDate", "2026-03-05", "scheduleTime", "09:00",
                "cronExpiryDate", "2026-03-06"), 400, "INVALID_REQUEST_BODY", "cronExpiryDate"));
        cases.add(post("bad cronExpiryDate", schedule("cronValue", "0 12 * * 1", "cronExpiryDate", "2026-02-30"), 400,
                "INVALID_REQUEST_BODY", "cronExpiryDate"));
        cases.add(post("unknown time zone", schedule("cronValue", "0 12 * * 1", "scheduleTimezone", "Mars/Olympus"),
                400, "INVALID_REQUEST_BODY", "scheduleTimezone"));
        cases.add(post("time zone without a schedule", schedule("scheduleTimezone", "Europe/Paris"), 400,
                "INVALID_REQUEST_BODY", "scheduleTimezone"));
        cases.add(post("runNow not a boolean", with("", "runNow", "yes"), 400, "INVALID_REQUEST_BODY", "runNow"));
        cases.add(post("bad scheduleTime", with("", "scheduleTime", "25:99"), 400, "INVALID_REQUEST_BODY",
                "scheduleTime"));
        // --- testTaskConfigs
        cases.add(post("testTaskConfigs missing", without("", "testTaskConfigs"), 400, "INVALID_REQUEST_BODY",
                "testTaskConfigs"));
        cases.add(post("testTaskConfigs empty", withNode("", "testTaskConfigs", "[]"), 400, "INVALID_REQUEST_BODY",
                "testTaskConfigs"));
        cases.add(post("testTaskConfigs object", withNode("", "testTaskConfigs", "{}"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs"));
        cases.add(post("region malformed", with("/testTaskConfigs/0", "region", "mars-1"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].region"));
        cases.add(post("region not deployed", with("/testTaskConfigs/0", "region", "ap-south-1"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].region"));
        cases.add(post("second region not deployed", with("/testTaskConfigs/1", "region", "sa-east-1"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[1].region"));
        cases.add(post("region duplicated", with("/testTaskConfigs/1", "region", "us-east-1"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[1].region"));
        cases.add(post("taskCount zero", withNode("/testTaskConfigs/0", "taskCount", "0"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].taskCount"));
        cases.add(post("taskCount negative", withNode("/testTaskConfigs/0", "taskCount", "-1"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].taskCount"));
        cases.add(post("taskCount fraction", withNode("/testTaskConfigs/0", "taskCount", "1.5"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].taskCount"));
        cases.add(post("taskCount letters", with("/testTaskConfigs/0", "taskCount", "abc"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].taskCount"));
        cases.add(post("taskCount above capacity", withNode("/testTaskConfigs/0", "taskCount", "11"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].taskCount"));
        cases.add(post("taskCount above second region's capacity", withNode("/testTaskConfigs/1", "taskCount", "5"),
                400, "INVALID_REQUEST_BODY", "testTaskConfigs[1].taskCount"));
        cases.add(post("concurrency zero", withNode("/testTaskConfigs/0", "concurrency", "0"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].concurrency"));
        cases.add(post("concurrency above 25000", withNode("/testTaskConfigs/0", "concurrency", "25001"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].concurrency"));
        cases.add(post("concurrency missing", without("/testTaskConfigs/0", "concurrency"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].concurrency"));
        cases.add(post("task config unknown field", withNode("/testTaskConfigs/0", "cpu", "2"), 400,
                "INVALID_REQUEST_BODY", "testTaskConfigs[0].cpu"));
        // --- execution and durations
        cases.add(post("testScenario missing", without("", "testScenario"), 400, "INVALID_REQUEST_BODY",
                "testScenario"));
        cases.add(post("execution missing", without("/testScenario", "execution"), 400, "INVALID_REQUEST_BODY",
                "testScenario.execution"));
        cases.add(post("execution empty", withNode("/testScenario", "execution", "[]"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution"));
        cases.add(post("hold-for bad unit", with("/testScenario/execution/0", "hold-for", "10x"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].hold-for"));
        cases.add(post("hold-for zero", with("/testScenario/execution/0", "hold-for", "0s"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].hold-for"));
        cases.add(post("hold-for above 168h", with("/testScenario/execution/0", "hold-for", "169h"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].hold-for"));
        cases.add(post("hold-for above 30d", with("/testScenario/execution/0", "hold-for", "31d"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].hold-for"));
        cases.add(post("ramp-up negative", with("/testScenario/execution/0", "ramp-up", "-1s"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].ramp-up"));
        cases.add(post("ramp-up object", withNode("/testScenario/execution/0", "ramp-up", "{}"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].ramp-up"));
        cases.add(post("execution names unknown scenario", with("/testScenario/execution/0", "scenario", "Nope"),
                400, "INVALID_REQUEST_BODY", "testScenario.execution[0].scenario"));
        cases.add(post("execution unknown field", withNode("/testScenario/execution/0", "iterations", "5"), 400,
                "INVALID_REQUEST_BODY", "testScenario.execution[0].iterations"));
        cases.add(post("thresholds malformed", withNode("/testScenario", "thresholds",
                "{\"response_time\": [\"p(95)<<3\"]}"), 400, "INVALID_REQUEST_BODY",
                "testScenario.thresholds.response_time[0]"));
        // --- scenarios and requests
        cases.add(post("scenarios empty", withNode("/testScenario", "scenarios", "{}"), 400,
                "INVALID_REQUEST_BODY", "testScenario.scenarios"));
        cases.add(post("requests empty", withNode("/testScenario/scenarios/Checkout", "requests", "[]"), 400,
                "INVALID_REQUEST_BODY", "testScenario.scenarios.Checkout.requests"));
        cases.add(post("url ftp", with(CHECKOUT, "url", "ftp://example.com/"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".url"));
        cases.add(post("url without host", with(CHECKOUT, "url", "https://"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".url"));
        cases.add(post("url relative", with(CHECKOUT, "url", "/cart"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".url"));
        cases.add(post("url javascript", with(CHECKOUT, "url", "javascript:alert(1)"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".url"));
        cases.add(post("url too long", with(CHECKOUT, "url", "https://example.com/" + "a".repeat(2100)), 400,
                "INVALID_REQUEST_BODY", REQUEST_PATH + ".url"));
        cases.add(post("url number", withNode(CHECKOUT, "url", "5"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".url"));
        cases.add(post("url missing", without(CHECKOUT, "url"), 400, "INVALID_REQUEST_BODY", REQUEST_PATH + ".url"));
        cases.add(post("method unknown", with(CHECKOUT, "method", "FETCH"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".method"));
        cases.add(post("header name with space", withNode(CHECKOUT, "headers", "{\"bad header\": \"x\"}"), 400,
                "INVALID_REQUEST_BODY", REQUEST_PATH + ".headers.bad header"));
        cases.add(post("header value with newline", withNode(CHECKOUT, "headers", "{\"X-A\": \"a\\r\\nX-B: b\"}"),
                400, "INVALID_REQUEST_BODY", REQUEST_PATH + ".headers.X-A"));
        cases.add(post("headers array", withNode(CHECKOUT, "headers", "[\"a\"]"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".headers"));
        cases.add(post("header value number", withNode(CHECKOUT, "headers", "{\"X-A\": 1}"), 400,
                "INVALID_REQUEST_BODY", REQUEST_PATH + ".headers.X-A"));
        cases.add(post("request body over 65536 chars", with(CHECKOUT, "body", "b".repeat(65_537)), 400,
                "INVALID_REQUEST_BODY", REQUEST_PATH + ".body"));
        cases.add(post("request unknown field", withNode(CHECKOUT, "timeout", "5"), 400, "INVALID_REQUEST_BODY",
                REQUEST_PATH + ".timeout"));
        // --- sizes and encodings
        cases.add(post("payload over 1 MB", bigPayload(), 413, "PAYLOAD_TOO_LARGE", null));
        cases.add(new Case("base64 payload over 1 MB", "POST", "/scenarios", null,
                Base64.getEncoder().encodeToString(bigPayload().getBytes(StandardCharsets.UTF_8)), true, 413,
                "PAYLOAD_TOO_LARGE", null));
        cases.add(new Case("base64 flag on non-base64 body", "POST", "/scenarios", null, "{not base64!}", true, 400,
                "INVALID_REQUEST_BODY", null));
        // --- paths: traversal and malformed ids
        cases.add(get("testId dot-dot", "/scenarios/..", 400, "INVALID_PATH_PARAMETER", "testId"));
        cases.add(get("testId encoded traversal", "/scenarios/..%2F..%2Fetc%2Fpasswd", 400,
                "INVALID_PATH_PARAMETER", "testId"));
        cases.add(get("testId encoded dots", "/scenarios/%2e%2e", 400, "INVALID_PATH_PARAMETER", "testId"));
        cases.add(get("testId with dot", "/scenarios/Shop.123456", 400, "INVALID_PATH_PARAMETER", "testId"));
        cases.add(get("testId too long", "/scenarios/" + "a".repeat(129), 400, "INVALID_PATH_PARAMETER", "testId"));
        cases.add(get("testId region row", "/scenarios/region-us-east-1", 400, "INVALID_PATH_PARAMETER", "testId"));
        cases.add(get("testRunId encoded slash", "/scenarios/Shop123456/testruns/a%2Fb", 400,
                "INVALID_PATH_PARAMETER", "testRunId"));
        cases.add(new Case("delete with traversal id", "DELETE", "/scenarios/..%5C..", null, null, false, 400,
                "INVALID_PATH_PARAMETER", "testId"));
        // --- unknown ids
        cases.add(get("unknown test", "/scenarios/Nope000001", 404, "TEST_NOT_FOUND", "testId"));
        cases.add(get("unknown test's runs", "/scenarios/Nope000001/testruns", 404, "TEST_NOT_FOUND", "testId"));
        cases.add(get("unknown run", "/scenarios/Shop123456/testruns/Nope000001", 404, "TESTRUN_NOT_FOUND",
                "testRunId"));
        cases.add(get("unknown test's run", "/scenarios/Nope000001/testruns/Run0000001", 404, "TEST_NOT_FOUND",
                "testId"));
        cases.add(get("unknown test's baseline", "/scenarios/Nope000001/baseline", 404, "TEST_NOT_FOUND", "testId"));
        cases.add(new Case("cancel unknown test", "POST", "/scenarios/Nope000001", null, null, false, 404,
                "TEST_NOT_FOUND", "testId"));
        cases.add(get("compare unknown run", "/scenarios/Shop123456/testruns/Nope000001/compare", 404,
                "TESTRUN_NOT_FOUND", "testRunId"));
        cases.add(get("artifacts of unknown run", "/scenarios/Shop123456/testruns/Nope000001/artifacts", 404,
                "TESTRUN_NOT_FOUND", "testRunId"));
        cases.add(get("artifacts traversal run id", "/scenarios/Shop123456/testruns/..%2F..%2Fetc/artifacts", 400,
                "INVALID_PATH_PARAMETER", "testRunId"));
        // --- methods and unknown paths
        cases.add(call("PATCH scenarios", "PATCH", "/scenarios", null, 405, "METHOD_NOT_ALLOWED", null));
        cases.add(call("PUT scenario", "PUT", "/scenarios/Shop123456", valid(), 405, "METHOD_NOT_ALLOWED", null));
        cases.add(call("POST tasks", "POST", "/tasks", "{}", 405, "METHOD_NOT_ALLOWED", null));
        cases.add(call("DELETE stack-info", "DELETE", "/stack-info", null, 405, "METHOD_NOT_ALLOWED", null));
        cases.add(call("POST baseline", "POST", "/scenarios/Shop123456/baseline", "{}", 405, "METHOD_NOT_ALLOWED",
                null));
        cases.add(call("DELETE run", "DELETE", "/scenarios/Shop123456/testruns/Run0000002", null, 405,
                "METHOD_NOT_ALLOWED", null));
        cases.add(get("unknown path", "/nope", 404, "NOT_FOUND", null));
        cases.add(get("unknown sub path", "/scenarios/Shop123456/unknown", 404, "NOT_FOUND", null));
        cases.add(get("double slash", "//scenarios", 404, "NOT_FOUND", null));
        cases.add(get("traversal outside routes", "/scenarios/../../etc/passwd", 404, "NOT_FOUND", null));
        // --- query parameters
        cases.add(query("limit zero", "/scenarios/Shop123456/testruns", Map.of("limit", "0"), "limit"));
        cases.add(query("limit 101", "/scenarios/Shop123456/testruns", Map.of("limit", "101"), "limit"));
        cases.add(query("limit letters", "/scenarios/Shop123456/testruns", Map.of("limit", "ten"), "limit"));
        cases.add(query("start_timestamp not ISO", "/scenarios/Shop123456/testruns",
                Map.of("start_timestamp", "yesterday"), "start_timestamp"));
        cases.add(query("end_timestamp not ISO", "/scenarios/Shop123456/testruns",
                Map.of("end_timestamp", "2026-13-01"), "end_timestamp"));
        cases.add(query("start after end", "/scenarios/Shop123456/testruns",
                Map.of("start_timestamp", "2026-03-02T00:00:00Z", "end_timestamp", "2026-03-01T00:00:00Z"),
                "start_timestamp"));
        cases.add(query("latest not boolean", "/scenarios/Shop123456/testruns", Map.of("latest", "yes"), "latest"));
        cases.add(query("next_token with symbols", "/scenarios/Shop123456/testruns", Map.of("next_token", "a b!"),
                "next_token"));
        cases.add(query("next_token not ours", "/scenarios/Shop123456/testruns", Map.of("next_token", "Zm9vYmFy"),
                "next_token"));
        cases.add(query("unknown runs parameter", "/scenarios/Shop123456/testruns", Map.of("limt", "5"), "limt"));
        cases.add(query("history not boolean", "/scenarios/Shop123456", Map.of("history", "no"), "history"));
        cases.add(query("latest=0 on scenario", "/scenarios/Shop123456", Map.of("latest", "0"), "latest"));
        cases.add(query("parameter on tasks", "/tasks", Map.of("region", "us-east-1"), "region"));
        cases.add(query("op unknown", "/scenarios", Map.of("op", "dropTables"), "op"));
        cases.add(query("baseline data not boolean", "/scenarios/Shop123456/baseline", Map.of("data", "1"),
                "data"));
        // --- baseline and run deletion bodies
        cases.add(call("baseline empty object", "PUT", "/scenarios/Shop123456/baseline", "{}", 400,
                "INVALID_REQUEST_BODY", "testRunId"));
        cases.add(call("baseline id number", "PUT", "/scenarios/Shop123456/baseline", "{\"testRunId\": 5}", 400,
                "INVALID_REQUEST_BODY", "testRunId"));
        cases.add(call("baseline extra field", "PUT", "/scenarios/Shop123456/baseline",
                "{\"testRunId\": \"Run0000002\", \"force\": true}", 400, "INVALID_REQUEST_BODY", "force"));
        cases.add(call("baseline traversal id", "PUT", "/scenarios/Shop123456/baseline",
                "{\"testRunId\": \"../x\"}", 400, "INVALID_REQUEST_BODY", "testRunId"));
        cases.add(call("baseline unknown run", "PUT", "/scenarios/Shop123456/baseline",
                "{\"testRunId\": \"Nope000001\"}", 404, "TESTRUN_NOT_FOUND", "testRunId"));
        cases.add(call("baseline malformed JSON", "PUT", "/scenarios/Shop123456/baseline", "{", 400,
                "INVALID_REQUEST_BODY", null));
        cases.add(call("delete missing baseline", "DELETE", "/scenarios/Plain00001/baseline", null, 400,
                "NO_BASELINE_SET", null));
        cases.add(get("compare without baseline", "/scenarios/Plain00001/testruns/Run0000001/compare", 400,
                "NO_BASELINE_SET", null));
        cases.add(call("delete runs empty list", "DELETE", "/scenarios/Shop123456/testruns", "[]", 400,
                "INVALID_REQUEST_BODY", null));
        cases.add(call("delete runs object", "DELETE", "/scenarios/Shop123456/testruns", "{\"ids\": []}", 400,
                "INVALID_REQUEST_BODY", null));
        cases.add(call("delete runs bad id", "DELETE", "/scenarios/Shop123456/testruns",
                "[\"Run0000002\", \"../x\"]", 400, "INVALID_REQUEST_BODY", "[1]"));
        cases.add(call("delete runs baseline", "DELETE", "/scenarios/Shop123456/testruns", "[\"Run0000001\"]", 409,
                "BASELINE_CONFLICT", "[0]"));
        cases.add(call("delete runs active", "DELETE", "/scenarios/Busy000001/testruns", "[\"RunBusy001\"]", 409,
                "TEST_RUNNING", "[0]"));
        // --- upload URL
        cases.add(upload("upload traversal name", "{\"fileName\": \"../x.jmx\"}", "fileName"));
        cases.add(upload("upload folder name", "{\"fileName\": \"a/b.jmx\"}", "fileName"));
        cases.add(upload("upload backslash name", "{\"fileName\": \"a\\\\b.jmx\"}", "fileName"));
        cases.add(upload("upload control char", "{\"fileName\": \"a\\u0001.jmx\"}", "fileName"));
        cases.add(upload("upload hidden file", "{\"fileName\": \".jmx\"}", "fileName"));
        cases.add(upload("upload no extension", "{\"fileName\": \"plan\"}", "fileName"));
        cases.add(upload("upload executable", "{\"fileName\": \"x.exe\"}", "fileName"));
        cases.add(upload("upload zip without type", "{\"fileName\": \"x.zip\"}", "testType"));
        cases.add(upload("upload type simple", "{\"fileName\": \"x.jmx\", \"testType\": \"simple\"}", "testType"));
        cases.add(upload("upload extension of other type", "{\"fileName\": \"x.py\", \"testType\": \"k6\"}",
                "fileName"));
        cases.add(upload("upload missing name", "{}", "fileName"));
        cases.add(upload("upload unknown field", "{\"fileName\": \"x.jmx\", \"acl\": \"public-read\"}", "acl"));
        cases.add(call("upload while running", "POST", "/scenarios/Busy000001/upload-url",
                "{\"fileName\": \"x.jmx\"}", 409, "TEST_RUNNING", "testId"));
        // --- state conflicts
        cases.add(call("cancel finished test", "POST", "/scenarios/Shop123456", null, 409, "TEST_NOT_RUNNING",
                "testId"));
        cases.add(call("delete active test", "DELETE", "/scenarios/Busy000001", null, 409, "TEST_RUNNING",
                "testId"));
        return cases.stream();
    }

    // ---- rows

    private static Case post(String name, String body, int status, String code, String field) {
        return new Case("POST /scenarios: " + name, "POST", "/scenarios", null, body, false, status, code, field);
    }

    private static Case get(String name, String path, int status, String code, String field) {
        return new Case(name, "GET", path, null, null, false, status, code, field);
    }

    private static Case call(String name, String method, String path, String body, int status, String code,
            String field) {
        return new Case(name, method, path, null, body, false, status, code, field);
    }

    private static Case query(String name, String path, Map<String, String> query, String field) {
        return new Case(name, "GET", path, query, null, false, 400, "INVALID_QUERY_PARAMETER", field);
    }

    private static Case upload(String name, String body, String field) {
        return new Case(name, "POST", "/scenarios/Script0001/upload-url", null, body, false, 400,
                "INVALID_REQUEST_BODY", field);
    }

    // ---- bodies: the valid scenario with one thing broken

    private static String valid() {
        return ApiFixture.scenarioJson("New0000001");
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) ApiFixture.parse(valid());
        change.accept(root);
        return root.toString();
    }

    private static String with(String parent, String key, String text) {
        return edit(root -> ((ObjectNode) root.at(parent)).put(key, text));
    }

    private static String withNode(String parent, String key, String json) {
        return edit(root -> ((ObjectNode) root.at(parent)).set(key, ApiFixture.parse(json)));
    }

    private static String schedule(String... fieldsAndValues) {
        return edit(root -> {
            for (int i = 0; i < fieldsAndValues.length; i += 2) {
                root.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        });
    }

    private static String without(String parent, String key) {
        return edit(root -> ((ObjectNode) root.at(parent)).remove(key));
    }

    private static String script(String type, String file) {
        return edit(root -> {
            root.put("testType", type);
            root.put("fileType", "script");
            ((ObjectNode) root.at("/testScenario/scenarios")).set("Checkout",
                    ApiFixture.parse("{\"script\": \"" + file + "\"}"));
        });
    }

    private static String bigPayload() {
        return edit(root -> root.put("testDescription", "d".repeat(1_048_600)));
    }

}
