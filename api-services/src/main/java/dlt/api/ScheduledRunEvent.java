package dlt.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a schedule sends when it fires, invoking the API function directly rather than through API
 * Gateway: {@code {"source": "dlt.scheduler", "testId": ..., "scheduledTime": ISO instant}}, and, from
 * the local scheduler after a restart, {@code "missed": [ISO instants]} instead of a time. Only the
 * scheduler's role may invoke the function this way (the template grants no one else); the event is
 * still read as untrusted input.
 */
public record ScheduledRunEvent(String testId, Instant scheduledTime, List<Instant> missed) {

    public static final String SOURCE = "dlt.scheduler";

    private static final Pattern TEST_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final int MAX_MISSED = 10_000;

    public ScheduledRunEvent {
        missed = List.copyOf(missed);
    }

    /** Whether a function input is a scheduler's event rather than an API Gateway request. */
    public static boolean isScheduledRun(JsonNode input) {
        return input != null && input.isObject() && SOURCE.equals(input.path("source").asText(null))
                && !input.has("httpMethod");
    }

    /** @throws IllegalArgumentException saying which field is wrong */
    public static ScheduledRunEvent read(JsonNode input) {
        String testId = input.path("testId").asText("");
        if (!TEST_ID.matcher(testId).matches()) {
            throw new IllegalArgumentException("testId must be 1 to 128 letters, digits or hyphens");
        }
        JsonNode time = input.get("scheduledTime");
        Instant scheduledTime = time == null || time.isNull() ? null : instant(time, "scheduledTime");
        List<Instant> missed = new ArrayList<>();
        JsonNode list = input.get("missed");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_MISSED) {
                throw new IllegalArgumentException("missed must be a list of at most " + MAX_MISSED + " times");
            }
            list.forEach(item -> missed.add(instant(item, "missed[]")));
        }
        return new ScheduledRunEvent(testId, scheduledTime, missed);
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(node.asText(""));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
    }

    public static ScheduledRunEvent at(String testId, Instant scheduledTime) {
        return new ScheduledRunEvent(testId, scheduledTime, List.of());
    }

    public static ScheduledRunEvent missed(String testId, List<Instant> missed) {
        return new ScheduledRunEvent(testId, null, missed);
    }

    Optional<Instant> time() {
        return Optional.ofNullable(scheduledTime);
    }
}
