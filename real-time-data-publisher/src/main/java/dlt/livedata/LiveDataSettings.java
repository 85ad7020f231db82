package dlt.livedata;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the live-data publisher is configured, read once from the environment (or built by tests and the
 * local platform).
 *
 * @param iotEndpoint     {@value #IOT_ENDPOINT}: the account's IoT data endpoint, a host
 *                        ({@code xxx-ats.iot.us-east-1.amazonaws.com}, as DescribeEndpoint answers) or a URL
 * @param maxMessageBytes the largest payload published in one message; IoT Core refuses more than 128 KB,
 *                        default {@value #DEFAULT_MAX_MESSAGE_BYTES} leaves room for the topic and headers
 */
public record LiveDataSettings(URI iotEndpoint, int maxMessageBytes) {

    public static final String IOT_ENDPOINT = "IOT_ENDPOINT";
    public static final int IOT_MAX_PAYLOAD_BYTES = 128 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 120 * 1024;
    private static final Pattern AWS_IOT_HOST = Pattern.compile("[a-z0-9-]+\\.iot\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    public LiveDataSettings {
        if (maxMessageBytes < 1024 || maxMessageBytes > IOT_MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be between 1024 and " + IOT_MAX_PAYLOAD_BYTES
                    + ", not " + maxMessageBytes);
        }
    }

    /**
     * The region of an AWS IoT data endpoint ({@code xxx-ats.iot.REGION.amazonaws.com}), whose requests must be
     * signed for that region: a regional stack's publisher runs in its own region but publishes to the main
     * region's endpoint. Empty for other endpoints (local stand-ins).
     */
    public Optional<String> iotRegion() {
        Matcher m = AWS_IOT_HOST.matcher(iotEndpoint.getHost() == null ? "" : iotEndpoint.getHost());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static LiveDataSettings of(URI iotEndpoint) {
        return new LiveDataSettings(iotEndpoint, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** Reads the process environment. */
    public static LiveDataSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Reads the given variables. */
    public static LiveDataSettings fromEnvironment(Map<String, String> env) {
        String endpoint = Optional.ofNullable(env.get(IOT_ENDPOINT)).map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(IOT_ENDPOINT
                        + " is not set: the IoT data endpoint, such as xxx-ats.iot.us-east-1.amazonaws.com"));
        return of(endpoint(endpoint));
    }

    private static URI endpoint(String value) {
        String url = value.contains("://") ? value : "https://" + value;
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IOT_ENDPOINT + " must be a host or an https URL, not " + value, e);
        }
    }
}
