package dlt.livedata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The payload CloudWatch Logs hands a subscribed function ({@code awslogs.data}): base64 of gzip of
 * {@code {messageType, owner, logGroup, logStream, subscriptionFilters, logEvents[{id, timestamp, message}]}}.
 */
public final class LogsSubscription {

    /** The message type of real log events; CloudWatch also sends {@code CONTROL_MESSAGE} to check the destination. */
    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    /** Decompressed payloads larger than this are refused (CloudWatch sends at most about 1 MB of events). */
    static final int MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LogsSubscription() {
    }

    /** One delivery: events of one log stream. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Batch(String messageType, String owner, String logGroup, String logStream,
                        List<String> subscriptionFilters, List<LogEvent> logEvents) {
        public Batch {
            subscriptionFilters = subscriptionFilters == null ? List.of() : List.copyOf(subscriptionFilters);
            logEvents = logEvents == null ? List.of() : List.copyOf(logEvents);
        }

        public boolean isData() {
            return DATA_MESSAGE.equals(messageType);
        }
    }

    /** One log line as CloudWatch recorded it ({@code timestamp}: epoch ms). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LogEvent(String id, long timestamp, String message) {
    }

    /** The data is not base64 of gzip of a subscription payload. */
    public static final class MalformedDataException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The batch in {@code awslogsData}.
     *
     * @throws MalformedDataException when it is not base64, not gzip, too large or not the expected JSON
     */
    public static Batch decode(String awslogsData) {
        if (awslogsData == null || awslogsData.isEmpty()) {
            throw new MalformedDataException("awslogs.data is missing", null);
        }
        byte[] compressed;
        try {
            compressed = Base64.getMimeDecoder().decode(awslogsData);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException("awslogs.data is not base64: " + e.getMessage(), e);
        }
        byte[] json;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            json = in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
        } catch (IOException e) {
            throw new MalformedDataException("awslogs.data is not gzip: " + e.getMessage(), e);
        }
        if (json.length > MAX_DECOMPRESSED_BYTES) {
            throw new MalformedDataException("awslogs.data holds more than " + MAX_DECOMPRESSED_BYTES + " bytes", null);
        }
        try {
            Batch batch = JSON.readValue(json, Batch.class);
            if (batch == null) {
                throw new MalformedDataException("awslogs.data holds no JSON object", null);
            }
            return batch;
        } catch (IOException e) {
            throw new MalformedDataException("awslogs.data is not a subscription payload: " + e.getMessage(), e);
        }
    }

    /** What CloudWatch would send for {@code batch} (the local platform's feed and test fixtures). */
    public static String encode(Batch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip a subscription payload", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
