package dlt.core.port;

/**
 * Publishes live data to subscribers (on AWS: IoT Core's message broker; locally: the embedded MQTT
 * broker behind the IoT stand-in). Delivery is at least once to subscribers connected at the time.
 */
public interface LivePublisher {

    /**
     * Publishes {@code payload} (UTF-8 JSON) on {@code topic}.
     *
     * @throws PublishFailedException when the broker refused or could not be reached
     */
    void publish(String topic, byte[] payload);

    /** The broker refused the message or could not be reached. */
    final class PublishFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
