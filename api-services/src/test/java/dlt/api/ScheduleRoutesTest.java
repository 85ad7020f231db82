package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.ApiFixture.Response;
import dlt.api.usecase.RunScheduledScenario.Outcome;
import dlt.api.usecase.RunScheduledScenario.Result;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import dlt.core.schedule.RunSchedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Scheduled scenarios through the API: setting, showing, replacing and removing schedules, and firings. */
class ScheduleRoutesTest {

    private final ApiFixture api = new ApiFixture();

    private static String scenario(String testId, Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) ApiFixture.parse(ApiFixture.scenarioJson(testId));
        edit.accept(root);
        return root.toString();
    }

    private Response post(String body) {
        return api.call("POST", "/scenarios", body);
    }

    @Test
    void aCronScheduleIsSetAndShownInTheUsersZoneWithoutRunningNow() {
        Response created = post(scenario("Nightly001", root -> root.put("cronValue", "30 2 * * *")
                .put("scheduleTimezone", "Europe/Paris").put("saveOnly", true)));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("status").asText()).isEqualTo("scheduled");
        assertThat(created.json().path("testRunId").isNull()).isTrue();
        assertThat(created.json().path("nextRun").asText()).isEqualTo("2026-03-02 01:30:00");
        assertThat(api.workflows.started()).isEmpty();
        assertThat(api.schedules.find("Nightly001")).get().isInstanceOf(RunSchedule.Cron.class);

        JsonNode schedule = api.call("GET", "/scenarios/Nightly001").json().path("schedule");
        assertThat(schedule.path("type").asText()).isEqualTo("cron");
        assertThat(schedule.path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(schedule.path("nextRun").asText()).isEqualTo("2026-03-02T02:30:00+01:00");
        // 2026-03-29 02:30 does not exist in Paris: that day is skipped, not moved
        assertThat(schedule.path("nextRuns")).extracting(JsonNode::asText).containsExactly(
                "2026-03-02T02:30:00+01:00", "2026-03-03T02:30:00+01:00", "2026-03-04T02:30:00+01:00",
                "2026-03-05T02:30:00+01:00", "2026-03-06T02:30:00+01:00");
    }

    @Test
    void thePreviewShowsTheNextRunsOrWhyTheScheduleIsRefused_andStoresNothing() {
        ApiFixture.State before = api.state();

        Response preview = api.call("POST", "/schedule-preview", "{\"scheduleDate\": \"2026-03-02\", "
                + "\"scheduleTime\": \"09:00\", \"recurrence\": \"monthly\", \"scheduleTimezone\": \"America/New_York\"}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("nextRuns")).extracting(JsonNode::asText).containsExactly(
                "2026-03-02T09:00:00-05:00", "2026-04-02T09:00:00-04:00", "2026-05-02T09:00:00-04:00",
                "2026-06-02T09:00:00-04:00", "2026-07-02T09:00:00-04:00");

        Response overlap = api.call("POST", "/schedule-preview", "{\"cronValue\": \"*/5 * * * *\", \"testDuration\": \"10m\"}");
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(overlap.field()).isEqualTo("cronValue");
        Response badField = api.call("POST", "/schedule-preview", "{\"cronValue\": \"0 0 * * *\", \"testName\": \"x\"}");
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.field()).isEqualTo("testName");
        assertThat(api.call("POST", "/schedule-preview", "{}").status()).isEqualTo(400);
        assertThat(api.state()).isEqualTo(before);
    }

    @Test
    void runNowAlsoStartsARunAndKeepsTheSchedule() {
        Response created = post(scenario("Nightly001", root -> root.put("scheduleDate", "2026-03-02")
                .put("scheduleTime", "06:00").put("recurrence", "weekly").put("runNow", true)));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("testRunId").asText()).isEqualTo("Id00000001");
        assertThat(created.json().path("status").asText()).isEqualTo("queued");
        assertThat(api.workflows.started()).hasSize(1);
        assertThat(api.scenarios.find("Nightly001").orElseThrow().nextRun()).isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
        assertThat(api.schedules.find("Nightly001")).isPresent();
    }

    @Test
    void postingWithoutScheduleFieldsRemovesTheScheduleAndRuns() {
        post(scenario("Nightly001", root -> root.put("cronValue", "0 3 * * *")));

        Response edited = post(ApiFixture.scenarioJson("Nightly001"));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("nextRun").isNull()).isTrue();
        assertThat(api.schedules.find("Nightly001")).isEmpty();
        assertThat(api.workflows.started()).hasSize(1);
    }

    @Test
    void editingReplacesTheSchedule() {
        post(scenario("Nightly001", root -> root.put("cronValue", "0 3 * * *")));
        post(scenario("Nightly001", root -> root.put("cronValue", "0 4 * * 1-5").put("scheduleTimezone", "Asia/Tokyo")));

        RunSchedule schedule = api.schedules.find("Nightly001").orElseThrow();
        assertThat(((RunSchedule.Cron) schedule).expression().text()).isEqualTo("0 4 * * 1-5");
        assertThat(api.scenarios.find("Nightly001").orElseThrow().nextRun())
                .isEqualTo(Instant.parse("2026-03-01T19:00:00Z")); // Monday 04:00 in Tokyo
    }

    @Test
    void deletingATestRemovesItsSchedule() {
        post(scenario("Nightly001", root -> root.put("cronValue", "0 3 * * *")));

        assertThat(api.call("DELETE", "/scenarios/Nightly001").status()).isEqualTo(200);
        assertThat(api.schedules.all()).isEmpty();
    }

    @Test
    void aSchedulerThatCannotBeReachedChangesNothing() {
        api.schedules.failWith(new IllegalStateException("secret: arn:aws:scheduler:us-east-1:123:schedule/x"));
        ApiFixture.State before = api.state();

        Response refused = post(scenario("Nightly001", root -> root.put("cronValue", "0 3 * * *")));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("SCHEDULE_FAILED");
        assertThat(refused.body()).doesNotContain("secret");
        assertThat(api.state()).isEqualTo(before);
    }

    @Test
    void aOneTimeFiringStartsTheRunClearsNextRunAndRemovesTheSchedule() {
        post(scenario("Once000001", root -> root.put("scheduleDate", "2026-03-01").put("scheduleTime", "12:00")));
        api.clock.advance(Duration.ofHours(2));

        Result result = api.handler.handleScheduledRun(ScheduledRunEvent.at("Once000001",
                Instant.parse("2026-03-01T12:00:00Z")));

        assertThat(result.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(api.workflows.started()).extracting(input -> input.testId()).containsExactly("Once000001");
        var stored = api.scenarios.find("Once000001").orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(stored.nextRun()).isNull();
        assertThat(api.schedules.all()).isEmpty();
        assertThat(api.runs.listAll("Once000001")).extracting(TestRun::testRunId).containsExactly(result.testRunId());
    }

    @Test
    void aRecurringFiringMovesNextRunOnAndARepeatedDeliveryStartsNothing() {
        post(scenario("Daily00001", root -> root.put("scheduleDate", "2026-03-01").put("scheduleTime", "18:00")
                .put("recurrence", "daily")));
        api.clock.advance(Duration.ofHours(8));
        Instant due = Instant.parse("2026-03-01T18:00:00Z");

        assertThat(api.handler.handleScheduledRun(ScheduledRunEvent.at("Daily00001", due)).outcome())
                .isEqualTo(Outcome.STARTED);
        assertThat(api.handler.handleScheduledRun(ScheduledRunEvent.at("Daily00001", due)).outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(api.workflows.started()).hasSize(1);
        assertThat(api.scenarios.find("Daily00001").orElseThrow().nextRun()).isEqualTo(due.plus(Duration.ofDays(1)));
    }

    @Test
    void aBiweeklyScheduleIgnoresItsOffWeek() {
        post(scenario("Fortnight1", root -> root.put("scheduleDate", "2026-03-02").put("scheduleTime", "09:00")
                .put("recurrence", "biweekly")));
        api.clock.advance(Duration.ofDays(9));

        Result offWeek = api.handler.handleScheduledRun(ScheduledRunEvent.at("Fortnight1",
                Instant.parse("2026-03-09T09:00:00Z")));

        assertThat(offWeek.outcome()).isEqualTo(Outcome.NOT_DUE);
        assertThat(api.workflows.started()).isEmpty();
    }

    @Test
    void aRunDueWhileAnotherIsActiveIsRecordedAsNotStartedWithTheReason() {
        post(scenario("Busy000001", root -> root.put("cronValue", "0 * * * *")));
        api.handler.handleScheduledRun(ScheduledRunEvent.at("Busy000001", Instant.parse("2026-03-01T11:00:00Z")));

        Result second = api.handler.handleScheduledRun(ScheduledRunEvent.at("Busy000001",
                Instant.parse("2026-03-01T12:00:00Z")));

        assertThat(second.outcome()).isEqualTo(Outcome.NOT_STARTED);
        TestRun recorded = api.runs.find("Busy000001", second.testRunId()).orElseThrow();
        assertThat(recorded.status()).isEqualTo(RunStatus.FAILED);
        assertThat(recorded.errorReason()).isEqualTo("The scheduled run due at 2026-03-01T12:00:00Z did not start: "
                + "run Id00000001 was still queued");
        assertThat(api.workflows.started()).hasSize(1);
    }

    @Test
    void aRunThatFindsNoCapacityIsRecordedAsNotStarted() {
        post(scenario("Crowded001", root -> root.put("cronValue", "0 * * * *")));
        api.availableTasks("us-east-1", 1);

        Result result = api.handler.handleScheduledRun(ScheduledRunEvent.at("Crowded001",
                Instant.parse("2026-03-01T11:00:00Z")));

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(api.runs.find("Crowded001", result.testRunId()).orElseThrow().errorReason())
                .contains("asks for 2 tasks but us-east-1 has room for 1 now");
    }

    @Test
    void missedRunsAreReportedInTheHistory() {
        post(scenario("Missed0001", root -> root.put("cronValue", "0 * * * *")));
        api.clock.advance(Duration.ofHours(3));

        Result result = api.handler.handleScheduledRun(ScheduledRunEvent.missed("Missed0001", List.of(
                Instant.parse("2026-03-01T11:00:00Z"), Instant.parse("2026-03-01T12:00:00Z"))));

        assertThat(api.runs.find("Missed0001", result.testRunId()).orElseThrow().errorReason()).isEqualTo(
                "2 scheduled runs, due from 2026-03-01T11:00:00Z to 2026-03-01T12:00:00Z, were missed: the platform "
                        + "was not running then");
        assertThat(api.scenarios.find("Missed0001").orElseThrow().nextRun()).isEqualTo(Instant.parse("2026-03-01T14:00:00Z"));
    }

    @Test
    void aFiringForADeletedTestRemovesTheSchedule() {
        api.schedules.put("Gone000001", new RunSchedule.Once(java.time.LocalDateTime.parse("2026-03-01T12:00"),
                java.time.ZoneOffset.UTC));

        Result result = api.handler.handleScheduledRun(ScheduledRunEvent.at("Gone000001", Instant.parse("2026-03-01T12:00:00Z")));

        assertThat(result.outcome()).isEqualTo(Outcome.NO_SCHEDULE);
        assertThat(api.schedules.all()).isEmpty();
    }

    @Test
    void theLambdaEntryTellsSchedulerEventsFromApiGatewayRequests() throws IOException {
        post(scenario("Nightly001", root -> root.put("cronValue", "0 13 * * *")));
        ApiFunction function = new ApiFunction(api.handler);

        JsonNode fired = invoke(function, "{\"source\":\"dlt.scheduler\",\"testId\":\"Nightly001\","
                + "\"scheduledTime\":\"2026-03-01T13:00:00Z\"}");
        assertThat(fired.path("outcome").asText()).isEqualTo("STARTED");
        assertThat(fired.path("testRunId").asText()).isEqualTo(api.scenarios.find("Nightly001").orElseThrow().lastRunId());

        JsonNode response = invoke(function, """
                {"resource": "/scenarios/{testId}", "path": "/scenarios/Nightly001", "httpMethod": "GET",
                 "headers": {"Accept": "application/json"}, "multiValueHeaders": {"Accept": ["application/json"]},
                 "queryStringParameters": null, "pathParameters": {"testId": "Nightly001"},
                 "requestContext": {"resourceId": "abc", "stage": "prod", "requestId": "r-1", "httpMethod": "GET",
                   "identity": {"sourceIp": "203.0.113.9"}, "authorizer": {"claims": {"sub": "u-1"}},
                   "requestTimeEpoch": 1772359200000, "apiId": "a1b2c3"},
                 "body": null, "isBase64Encoded": false}
                """);
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(ApiFixture.parse(response.path("body").asText()).path("testId").asText()).isEqualTo("Nightly001");

        assertThat(invoke(function, "{\"source\":\"dlt.scheduler\",\"testId\":\"../x\"}").path("message").asText())
                .isEqualTo("the schedule's event is malformed: testId must be 1 to 128 letters, digits or hyphens");
        assertThat(invoke(function, "[1,2]").path("outcome").asText()).isEqualTo("REFUSED");
    }

    private static JsonNode invoke(ApiFunction function, String input) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, null);
        return ApiFixture.parse(output.toString(StandardCharsets.UTF_8));
    }
}
