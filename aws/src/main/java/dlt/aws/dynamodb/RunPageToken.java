package dlt.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code next_token}: base64 of the start-time index's key of the last run on a page (DLT's
 * LastEvaluatedKey). It comes back from clients, so it is checked before DynamoDB sees it: a token that
 * is not ours, or that belongs to another test, is refused.
 */
final class RunPageToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of(TestRunItems.TEST_ID, TestRunItems.TEST_RUN_ID,
            TestRunItems.START_TIME);

    private RunPageToken() {
    }

    static String encode(Map<String, AttributeValue> lastItem) {
        ObjectNode node = JSON.createObjectNode();
        FIELDS.stream().sorted().forEach(name -> node.put(name, lastItem.get(name).s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the token is not one this repository gave out for {@code testId} */
    static Map<String, AttributeValue> decode(String token, String testId) {
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(token.trim().replace('+', '-').replace('/', '_')));
        } catch (IllegalArgumentException | IOException e) {
            throw refused(e);
        }
        if (node == null || !node.isObject() || node.size() != FIELDS.size()) {
            throw refused(null);
        }
        for (String field : FIELDS) {
            if (!node.path(field).isTextual() || node.path(field).asText().isEmpty()) {
                throw refused(null);
            }
        }
        if (!node.get(TestRunItems.TEST_ID).asText().equals(testId)) {
            throw refused(null);
        }
        try {
            Instant.parse(node.get(TestRunItems.START_TIME).asText());
        } catch (DateTimeParseException e) {
            throw refused(e);
        }
        return Map.of(
                TestRunItems.TEST_ID, ItemAttributes.s(testId),
                TestRunItems.TEST_RUN_ID, ItemAttributes.s(node.get(TestRunItems.TEST_RUN_ID).asText()),
                TestRunItems.START_TIME, ItemAttributes.s(node.get(TestRunItems.START_TIME).asText()));
    }

    private static IllegalArgumentException refused(Exception cause) {
        return new IllegalArgumentException("next_token is not a token this API gave out", cause);
    }
}
