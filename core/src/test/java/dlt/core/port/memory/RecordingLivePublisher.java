package dlt.core.port.memory;

import dlt.core.port.LivePublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link LivePublisher} that records what it was told, and refuses the messages a test names. */
public final class RecordingLivePublisher implements LivePublisher {

    /** One publish call. */
    public record Message(String topic, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private Predicate<Message> refuse = m -> false;

    @Override
    public synchronized void publish(String topic, byte[] payload) {
        Message message = new Message(topic, payload.clone());
        if (refuse.test(message)) {
            throw new PublishFailedException("refused by the test", null);
        }
        messages.add(message);
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    public synchronized void refuse(Predicate<Message> which) {
        refuse = which;
    }
}
