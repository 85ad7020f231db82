package dlt.local.live;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The local stand-in for IoT Core's data plane {@code Publish} ({@code POST .../topics/{topic}?qos=N}, the
 * body is the payload), forwarding into the embedded broker. The unchanged SDK {@code IotDataPlaneClient}
 * reaches it through {@code endpointOverride}. Answers loopback callers only and wants no signature.
 *
 * <p>The SDK sends the topic URL-encoded ({@code dlt%2Fabc}): the server's {@link HttpConfiguration} must
 * accept encoded slashes ({@link #acceptEncodedSlashes}), and the topic is decoded here from the raw path.
 */
public final class IotDataStandIn extends Handler.Abstract {

    /** IoT Core's limits: payload and topic. */
    static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    static final int MAX_TOPIC_BYTES = 256;
    private static final String TOPICS = "/topics/";

    /** Where the stand-in's messages go. */
    @FunctionalInterface
    public interface Broker {
        void publish(String topic, byte[] payload, int qos);
    }

    private final Broker broker;

    public IotDataStandIn(Broker broker) {
        super(InvocationType.BLOCKING);
        this.broker = broker;
    }

    /** What a Jetty server hosting this handler needs: the SDK's encoded slashes in the topic. */
    public static HttpConfiguration acceptEncodedSlashes(HttpConfiguration configuration) {
        configuration.setUriCompliance(UriCompliance.DEFAULT.with("iot-data",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        return configuration;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        int at = path == null ? -1 : path.indexOf(TOPICS);
        if (at < 0) {
            return false;
        }
        if (!isLoopback(Request.getRemoteAddr(request))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "loopback callers only");
            return true;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "POST a message");
            return true;
        }
        String topic = URLDecoder.decode(path.substring(at + TOPICS.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (topic.isEmpty() || topic.contains("#") || topic.contains("+")
                || topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "invalid topic: " + topic);
            return true;
        }
        byte[] payload;
        try (InputStream body = Content.Source.asInputStream(request)) {
            payload = body.readNBytes(MAX_PAYLOAD_BYTES + 1);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "payloads are limited to " + MAX_PAYLOAD_BYTES + " bytes, as on IoT Core");
            return true;
        }
        broker.publish(topic, payload, qos(request));
        response.setStatus(HttpStatus.OK_200);
        response.write(true, ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static int qos(Request request) {
        Fields.Field qos = Request.extractQueryParameters(request).get("qos");
        return qos != null && "1".equals(qos.getValue()) ? 1 : 0;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
