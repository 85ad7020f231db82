package dlt.local.live;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho MQTT client subscribed to one topic, remembering each message with the time it arrived. */
final class MqttSubscriber implements AutoCloseable {

    record Received(String topic, byte[] payload, long receivedAtMillis) {
        String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    MqttSubscriber(URI server, String topic) throws MqttException {
        client = new MqttClient(server.toString(), "test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        client.connect(options);
        client.subscribe(topic, 1, (t, message) ->
                received.add(new Received(t, message.getPayload(), System.currentTimeMillis())));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> await(Predicate<List<Received>> enough, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!enough.test(received())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not received within " + timeout + "; got " + received().size() + " messages");
            }
            Thread.sleep(20);
        }
        return received();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } finally {
            client.close(true);
        }
    }
}
