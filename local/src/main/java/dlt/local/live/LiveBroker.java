package dlt.local.live;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * The local stand-in for IoT Core: an embedded Moquette MQTT broker (TCP, and WebSocket on {@code /mqtt} for
 * browsers) and the IoT data-plane stand-in ({@link IotDataStandIn} under {@code /iot}) that forwards
 * publishes into it. Everything listens on 127.0.0.1 only; the broker takes anonymous clients (only local
 * ones can reach it), keeps nothing on disk and sends no telemetry.
 */
public final class LiveBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveBroker.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_ID = "dlt-iot-standin";
    /** Larger than any IoT message (128 KB), so the broker never refuses what the stand-in accepted. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    /** Ports to listen on; 0 picks a free one. */
    public record Settings(int mqttPort, int webSocketPort, int iotPort) {
        public static final Settings FREE_PORTS = new Settings(0, 0, 0);

        public Settings {
            for (int port : new int[] {mqttPort, webSocketPort, iotPort}) {
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException("a port is between 0 (any free one) and 65535, not " + port);
                }
            }
        }
    }

    private final Server mqtt;
    private final org.eclipse.jetty.server.Server http;
    private final int mqttPort;
    private final int webSocketPort;
    private final int iotPort;

    private LiveBroker(Server mqtt, org.eclipse.jetty.server.Server http, int mqttPort, int webSocketPort, int iotPort) {
        this.mqtt = mqtt;
        this.http = http;
        this.mqttPort = mqttPort;
        this.webSocketPort = webSocketPort;
        this.iotPort = iotPort;
    }

    public static LiveBroker start(Settings settings) {
        int tcp = settings.mqttPort() == 0 ? freePort() : settings.mqttPort();
        int ws = settings.webSocketPort() == 0 ? freePort() : settings.webSocketPort();
        Server mqtt = startMqtt(tcp, ws);
        org.eclipse.jetty.server.Server http = new org.eclipse.jetty.server.Server();
        try {
            HttpConfiguration configuration = IotDataStandIn.acceptEncodedSlashes(new HttpConfiguration());
            configuration.setSendServerVersion(false);
            ServerConnector connector = new ServerConnector(http, new HttpConnectionFactory(configuration));
            connector.setHost(HOST);
            connector.setPort(settings.iotPort());
            http.addConnector(connector);
            ContextHandler iot = new ContextHandler("/iot");
            iot.setHandler(new IotDataStandIn((topic, payload, qos) -> publish(mqtt, topic, payload, qos)));
            http.setHandler(iot);
            http.start();
            LiveBroker broker = new LiveBroker(mqtt, http, tcp, ws, connector.getLocalPort());
            LOG.log(Level.INFO, "live broker up: mqtt tcp {0}, {1}, IoT stand-in {2}", tcp, broker.webSocketUri(),
                    broker.iotEndpoint());
            return broker;
        } catch (Exception e) {
            mqtt.stopServer();
            try {
                http.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw new IllegalStateException("the IoT stand-in could not start: " + e.getMessage(), e);
        }
    }

    /** MQTT over TCP, for Java and command-line clients. */
    public int mqttPort() {
        return mqttPort;
    }

    public int webSocketPort() {
        return webSocketPort;
    }

    /** MQTT over WebSocket, for the console ({@code ws://127.0.0.1:PORT/mqtt}). */
    public URI webSocketUri() {
        return URI.create("ws://" + HOST + ":" + webSocketPort + "/mqtt");
    }

    /** The endpoint to give the SDK's IoT data client ({@code endpointOverride}). */
    public URI iotEndpoint() {
        return URI.create("http://" + HOST + ":" + iotPort + "/iot");
    }

    /** Publishes straight into the broker, as the stand-in does. */
    public void publish(String topic, byte[] payload, int qos) {
        publish(mqtt, topic, payload, qos);
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the IoT stand-in did not stop cleanly", e);
        } finally {
            mqtt.stopServer();
        }
    }

    private static void publish(Server mqtt, String topic, byte[] payload, int qos) {
        mqtt.internalPublish(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos >= 1 ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE)
                .retained(false)
                .payload(Unpooled.copiedBuffer(payload))
                .build(), CLIENT_ID);
    }

    private static Server startMqtt(int tcp, int ws) {
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", Integer.toString(tcp));
        p.setProperty("websocket_port", Integer.toString(ws));
        p.setProperty("websocket_path", "/mqtt");
        p.setProperty("websocket_max_frame_size", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("immediate_buffer_flush", "true");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p));
            return server;
        } catch (IOException | RuntimeException e) {
            try {
                server.stopServer();
            } catch (RuntimeException stop) {
                e.addSuppressed(stop);
            }
            throw new IllegalStateException("the MQTT broker could not listen on 127.0.0.1:" + tcp + " and :" + ws
                    + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
