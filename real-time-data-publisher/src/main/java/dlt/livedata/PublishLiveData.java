package dlt.livedata;

import dlt.core.live.LiveLine;
import dlt.core.port.LivePublisher;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Publishes one batch of worker log lines as live data: keeps the live lines ({@link LiveLine}), ignores
 * everything else, merges them by (test, region, second) and publishes each test's points on
 * {@code dlt/{testId}}, in as many messages as the size limit needs. Never fails the batch for a line;
 * a message the broker refuses is counted and logged, not retried (a retried batch would double the points
 * already delivered).
 */
public final class PublishLiveData {

    public static final String TOPIC_PREFIX = "dlt/";
    private static final System.Logger LOG = System.getLogger(PublishLiveData.class.getName());
    /** The API's testId rule: nothing that is a topic separator or wildcard. */
    private static final Pattern TEST_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    /**
     * What a batch became.
     *
     * @param lines     log lines read
     * @param liveLines of which live lines
     * @param points    merged (test, region, second) points
     * @param messages  messages published
     * @param failed    messages the broker refused
     */
    public record Result(int lines, int liveLines, int points, int messages, int failed) {
        public static final Result EMPTY = new Result(0, 0, 0, 0, 0);
    }

    private final LivePublisher publisher;
    private final int maxMessageBytes;

    public PublishLiveData(LivePublisher publisher, LiveDataSettings settings) {
        this.publisher = publisher;
        this.maxMessageBytes = settings.maxMessageBytes();
    }

    public Result publish(List<String> lines) {
        Map<String, Map<LivePoint.Key, LivePoint>> tests = new LinkedHashMap<>();
        int live = 0;
        for (String line : lines) {
            Optional<LiveLine> parsed = LiveLine.parse(line);
            if (parsed.isEmpty() || !TEST_ID.matcher(parsed.get().testId()).matches()) {
                continue;
            }
            live++;
            LiveLine second = parsed.get();
            LivePoint.Key key = LivePoint.keyOf(second);
            tests.computeIfAbsent(key.testId(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(key, LivePoint::new).add(second);
        }
        int points = 0;
        int messages = 0;
        int failed = 0;
        for (Map.Entry<String, Map<LivePoint.Key, LivePoint>> test : tests.entrySet()) {
            String topic = TOPIC_PREFIX + test.getKey();
            points += test.getValue().size();
            for (byte[] payload : LiveMessages.payloads(new ArrayList<>(test.getValue().values()), maxMessageBytes)) {
                try {
                    publisher.publish(topic, payload);
                    messages++;
                } catch (LivePublisher.PublishFailedException e) {
                    failed++;
                    LOG.log(Level.WARNING, "live data for " + topic + " was not published", e);
                }
            }
        }
        return new Result(lines.size(), live, points, messages, failed);
    }
}
