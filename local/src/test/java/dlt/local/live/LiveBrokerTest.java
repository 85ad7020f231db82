package dlt.local.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.iot.IotLivePublisher;
import dlt.core.port.LivePublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveBrokerTest {
    private static LiveBroker broker;
    private static AwsClients clients;
    private static LivePublisher publisher;

    @BeforeAll
    static void start() {
        broker = LiveBroker.start(LiveBroker.Settings.FREE_PORTS);
        clients = new AwsClients(AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.IOT_DATA, broker.iotEndpoint()));
        publisher = new IotLivePublisher(clients.iotData());
    }

    @AfterAll
    static void stop() {
        clients.close();
        broker.close();
    }

    @Test
    void publish_sdkClientToStandIn_webSocketSubscriberReceivesIt() throws Exception {
        try (MqttSubscriber subscriber = new MqttSubscriber(broker.webSocketUri(), "dlt/abc")) {
            publisher.publish("dlt/abc", "{\"us-east-1\":[]}".getBytes(StandardCharsets.UTF_8));

            var received = subscriber.await(r -> !r.isEmpty(), Duration.ofSeconds(5));
            assertThat(received).singleElement().satisfies(m -> {
                assertThat(m.topic()).isEqualTo("dlt/abc");
                assertThat(m.text()).isEqualTo("{\"us-east-1\":[]}");
            });
        }
    }

    @Test
    void publish_largestIotMessage_tcpSubscriberReceivesItWhole() throws Exception {
        byte[] payload = new byte[120 * 1024];
        Arrays.fill(payload, (byte) 'x');
        try (MqttSubscriber subscriber = new MqttSubscriber(URI.create("tcp://127.0.0.1:" + broker.mqttPort()), "dlt/big")) {
            publisher.publish("dlt/big", payload);

            var received = subscriber.await(r -> !r.isEmpty(), Duration.ofSeconds(5));
            assertThat(received.getFirst().payload()).isEqualTo(payload);
        }
    }

    @Test
    void publish_otherTopic_subscriberOfDltAbcReceivesNothingOfIt() throws Exception {
        try (MqttSubscriber subscriber = new MqttSubscriber(broker.webSocketUri(), "dlt/abc2")) {
            publisher.publish("dlt/other", "{}".getBytes(StandardCharsets.UTF_8));
            publisher.publish("dlt/abc2", "{\"n\":2}".getBytes(StandardCharsets.UTF_8));

            var received = subscriber.await(r -> !r.isEmpty(), Duration.ofSeconds(5));
            assertThat(received).extracting(MqttSubscriber.Received::text).containsExactly("{\"n\":2}");
        }
    }

    @Test
    void publish_wildcardTopic_refusedAsOnIot() {
        assertThatThrownBy(() -> publisher.publish("dlt/#", new byte[] {1}))
                .isInstanceOf(LivePublisher.PublishFailedException.class);
    }

    @Test
    void standIn_getRequest_refused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(broker.iotEndpoint() + "/topics/dlt%2Fabc")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void standIn_payloadOverIotLimit_refused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(broker.iotEndpoint() + "/topics/dlt%2Fabc"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[128 * 1024 + 1])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
