package dlt.aws.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsStubServer;
import dlt.aws.AwsStubServer.Reply;
import dlt.core.schedule.CronExpression;
import dlt.core.schedule.RunSchedule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

class EventBridgeScheduleStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventBridgeScheduleStore.Target TARGET = new EventBridgeScheduleStore.Target("dlt-schedules",
            "arn:aws:iam::123456789012:role/dlt-scheduler", "arn:aws:lambda:us-east-1:123456789012:function:dlt-api:live");

    private AwsStubServer aws;
    private AwsClients clients;
    private EventBridgeScheduleStore store;

    @BeforeEach
    void setUp() {
        aws = AwsStubServer.start();
        clients = new AwsClients(AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.SCHEDULER, aws.endpoint()));
        store = new EventBridgeScheduleStore(clients.client(AwsService.SCHEDULER, "us-east-1", SchedulerClient::builder),
                TARGET, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        aws.close();
    }

    @Test
    void put_cronWithBothDayFields_createsTwoSchedulesInvokingTheApiWithTheScheduledTime() throws Exception {
        aws.on("/schedules/dlt-Nightly001", Reply.ok("{\"ScheduleArn\":\"arn:a\"}"));
        aws.on("/schedules/dlt-Nightly001-b", Reply.ok("{\"ScheduleArn\":\"arn:b\"}"));

        store.put("Nightly001", new RunSchedule.Cron(CronExpression.parse("0 9 1 * 1"), ZoneId.of("Europe/Paris"),
                Optional.of(LocalDate.parse("2026-12-31"))));

        AwsStubServer.Call first = aws.calls().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/schedules/dlt-Nightly001");
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("GroupName").asText()).isEqualTo("dlt-schedules");
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("cron(0 9 1 * ? *)");
        assertThat(body.path("ScheduleExpressionTimezone").asText()).isEqualTo("Europe/Paris");
        assertThat(body.path("EndDate").asDouble()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z").getEpochSecond());
        assertThat(body.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        assertThat(body.path("ActionAfterCompletion").asText()).isEqualTo("NONE");
        JsonNode target = body.path("Target");
        assertThat(target.path("Arn").asText()).isEqualTo(TARGET.functionArn());
        assertThat(target.path("RoleArn").asText()).isEqualTo(TARGET.roleArn());
        assertThat(JSON.readTree(target.path("Input").asText())).isEqualTo(JSON.readTree(
                "{\"source\":\"dlt.scheduler\",\"testId\":\"Nightly001\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\"}"));
        AwsStubServer.Call second = aws.calls().get(1);
        assertThat(second.path()).isEqualTo("/schedules/dlt-Nightly001-b");
        assertThat(JSON.readTree(second.body()).path("ScheduleExpression").asText()).isEqualTo("cron(0 9 ? * 2 *)");
    }

    @Test
    void put_existingSchedule_isUpdatedAndTheUnusedSecondOneDeleted() throws Exception {
        aws.on("/schedules/dlt-Nightly001", call -> call.method().equals("POST")
                ? Reply.error(409, "ConflictException", "exists") : Reply.ok("{\"ScheduleArn\":\"arn:a\"}"));
        aws.on("/schedules/dlt-Nightly001-b", Reply.error(404, "ResourceNotFoundException", "none"));

        store.put("Nightly001", new RunSchedule.Once(java.time.LocalDateTime.parse("2026-12-01T08:00"), ZoneOffset.UTC));

        assertThat(aws.calls()).extracting(AwsStubServer.Call::method).containsExactly("POST", "PUT", "DELETE");
        JsonNode update = JSON.readTree(aws.calls().get(1).body());
        assertThat(update.path("ScheduleExpression").asText()).isEqualTo("at(2026-12-01T08:00:00)");
        assertThat(update.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
    }

    @Test
    void delete_removesBothNamesAndToleratesMissingOnes() {
        aws.on("/schedules/dlt-Nightly001", Reply.ok("{}"));
        aws.on("/schedules/dlt-Nightly001-b", Reply.error(404, "ResourceNotFoundException", "none"));

        store.delete("Nightly001");

        assertThat(aws.calls()).extracting(AwsStubServer.Call::method, AwsStubServer.Call::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DELETE", "/schedules/dlt-Nightly001"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/schedules/dlt-Nightly001-b"));
    }

    @Test
    void names_longTestIds_fitEventBridgesLimit() {
        String longId = "a".repeat(128);
        assertThat(EventBridgeScheduleStore.names(longId)).allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(64))
                .doesNotHaveDuplicates();
        assertThat(EventBridgeScheduleStore.names(longId)).isNotEqualTo(EventBridgeScheduleStore.names("a".repeat(127) + "b"));
    }
}
