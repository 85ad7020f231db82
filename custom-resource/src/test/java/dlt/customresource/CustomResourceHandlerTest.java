package dlt.customresource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.port.memory.InMemoryScenarioRepository;
import dlt.core.run.RegionResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomResourceHandlerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Records what was sent; fails the first {@code failures} attempts like a broken network. */
    static final class RecordingSender implements ResponseSender {
        final List<JsonNode> sent = new ArrayList<>();
        int failures;
        int attempts;

        @Override
        public void send(URI responseUrl, byte[] body) throws IOException {
            attempts++;
            if (failures-- > 0) {
                throw new IOException("connection reset");
            }
            assertThat(responseUrl.toString()).startsWith("https://cloudformation-custom-resource-response");
            sent.add(JSON.readTree(body));
        }
    }

    final RecordingSender sender = new RecordingSender();
    final List<Duration> waits = new ArrayList<>();
    final InMemoryScenarioRepository table = new InMemoryScenarioRepository();
    final Map<String, List<String>> schedules = new HashMap<>(Map.of("stack-runs", new ArrayList<>(List.of("a", "b"))));
    final Map<String, List<String>> policyTargets = new HashMap<>(Map.of("dlt-live",
            new ArrayList<>(List.of("us-east-1:identity-1", "us-east-1:identity-2"))));

    /** Containers and their members, as IoT or the Scheduler would list and remove them. */
    static ClearedOnDelete.Members members(Map<String, List<String>> containers) {
        return new ClearedOnDelete.Members() {
            @Override
            public List<String> list(String container) {
                return List.copyOf(containers.getOrDefault(container, List.of()));
            }

            @Override
            public void remove(String container, String member) {
                containers.get(container).remove(member);
            }
        };
    }

    CustomResourceHandler handler() {
        return new CustomResourceHandler(Map.of(
                "Custom::RegionResources", new RegionRegistration((name, region) -> table, "us-east-1"),
                "Custom::IotEndpoint", new IotEndpointLookup(() -> "abc-ats.iot.us-east-1.amazonaws.com"),
                "Custom::DeleteSchedules", new ClearedOnDelete("GroupName", members(schedules)),
                "Custom::DetachIotPolicy", new ClearedOnDelete("PolicyName", members(policyTargets))), sender, waits::add);
    }

    static ObjectNode event(String requestType, String resourceType) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", requestType);
        event.put("ResponseURL", "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x?sig=1");
        event.put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/dlt/guid");
        event.put("RequestId", "req-1");
        event.put("ResourceType", resourceType);
        event.put("LogicalResourceId", "MainRegion");
        event.putObject("ResourceProperties").put("ServiceToken", "arn:aws:lambda:...");
        return event;
    }

    JsonNode run(ObjectNode event) throws IOException {
        handler().handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), new ByteArrayOutputStream(), null);
        assertThat(sender.sent).hasSize(1);
        return sender.sent.get(0);
    }

    static ObjectNode regionEvent(String requestType) {
        ObjectNode event = event(requestType, "Custom::RegionResources");
        ObjectNode p = (ObjectNode) event.get("ResourceProperties");
        p.put("ScenariosTable", "dlt-ScenariosTable").put("Region", "eu-west-1").put("TaskCluster", "dlt")
                .put("TaskDefinition", "arn:aws:ecs:eu-west-1:123456789012:task-definition/dlt-load-tester:3")
                .put("TaskImage", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/dlt:latest")
                .put("TaskSecurityGroup", "sg-1").put("LogGroup", "/dlt/dlt/workers");
        p.putArray("Subnets").add("subnet-a").add("subnet-b");
        return event;
    }

    @Test
    void create_registersTheRegionsRow_andAnswersSuccessWithItsId() throws IOException {
        JsonNode response = run(regionEvent("Create"));

        assertThat(response.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(response.path("PhysicalResourceId").asText()).isEqualTo("region-eu-west-1");
        assertThat(response.path("RequestId").asText()).isEqualTo("req-1");
        assertThat(response.path("LogicalResourceId").asText()).isEqualTo("MainRegion");
        RegionResources row = table.region("eu-west-1").orElseThrow();
        assertThat(row.subnets()).containsExactly("subnet-a", "subnet-b");
        assertThat(row.isDeployed()).isTrue();
    }

    @Test
    void delete_marksTheRegionRemoved() throws IOException {
        run(regionEvent("Create"));
        sender.sent.clear();
        ObjectNode delete = regionEvent("Delete");
        delete.put("PhysicalResourceId", "region-eu-west-1");

        JsonNode response = run(delete);

        assertThat(response.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(response.path("PhysicalResourceId").asText()).isEqualTo("region-eu-west-1");
        assertThat(table.region("eu-west-1").orElseThrow().isDeployed()).isFalse();
    }

    @Test
    void anyError_answersFailedWithTheReason() throws IOException {
        ObjectNode event = regionEvent("Create");
        ((ObjectNode) event.get("ResourceProperties")).remove("TaskCluster");

        JsonNode response = run(event);

        assertThat(response.path("Status").asText()).isEqualTo("FAILED");
        assertThat(response.path("Reason").asText()).contains("TaskCluster");
        assertThat(response.path("PhysicalResourceId").asText()).isNotBlank();
        assertThat(table.regions()).isEmpty();
    }

    @Test
    void unknownType_failsOnCreate_butDeletesCleanly() throws IOException {
        assertThat(run(event("Create", "Custom::Nope")).path("Reason").asText()).contains("Custom::Nope");
        sender.sent.clear();
        assertThat(run(event("Delete", "Custom::Nope")).path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void iotEndpoint_isAnAttribute() throws IOException {
        JsonNode response = run(event("Create", "Custom::IotEndpoint"));
        assertThat(response.path("Data").path("Address").asText()).isEqualTo("abc-ats.iot.us-east-1.amazonaws.com");
    }

    @Test
    void deleteSchedules_deletesEveryScheduleOfTheGroup_onDeleteOnly() throws IOException {
        ObjectNode create = event("Create", "Custom::DeleteSchedules");
        ((ObjectNode) create.get("ResourceProperties")).put("GroupName", "stack-runs");
        run(create);
        assertThat(schedules.get("stack-runs")).hasSize(2);
        sender.sent.clear();
        ObjectNode delete = create.deepCopy().put("RequestType", "Delete").put("PhysicalResourceId", "stack-runs");

        assertThat(run(delete).path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(schedules.get("stack-runs")).isEmpty();
    }

    @Test
    void detachIotPolicy_detachesEveryIdentity_onDeleteOnly() throws IOException {
        ObjectNode create = event("Create", "Custom::DetachIotPolicy");
        ((ObjectNode) create.get("ResourceProperties")).put("PolicyName", "dlt-live");
        assertThat(run(create).path("PhysicalResourceId").asText()).isEqualTo("dlt-live");
        assertThat(policyTargets.get("dlt-live")).hasSize(2);
        sender.sent.clear();
        ObjectNode delete = create.deepCopy().put("RequestType", "Delete").put("PhysicalResourceId", "dlt-live");

        assertThat(run(delete).path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(policyTargets.get("dlt-live")).isEmpty();
    }

    @Test
    void networkErrors_areRetriedWithBackoff() throws IOException {
        sender.failures = 2;

        JsonNode response = run(event("Create", "Custom::IotEndpoint"));

        assertThat(response.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(sender.attempts).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aResponseThatCannotBeDelivered_failsTheInvocation() {
        sender.failures = CustomResourceHandler.SEND_ATTEMPTS;

        assertThatThrownBy(() -> handler().handleRequest(new ByteArrayInputStream(
                JSON.writeValueAsBytes(event("Create", "Custom::IotEndpoint"))), new ByteArrayOutputStream(), null))
                .isInstanceOf(IOException.class);
        assertThat(sender.attempts).isEqualTo(CustomResourceHandler.SEND_ATTEMPTS);
    }

    @Test
    void theReason_fitsInCloudFormationsResponseLimit() throws IOException {
        ObjectNode event = regionEvent("Create");
        ((ObjectNode) event.get("ResourceProperties")).put("Region", "x".repeat(10_000)).remove("TaskCluster");

        JsonNode response = run(event);

        assertThat(response.toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(4096);
    }
}
