package dlt.aws.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Deletes many items in BatchWriteItem calls of 25 (DynamoDB's limit), retrying what was left unprocessed. */
final class BatchDeleter {

    private static final int BATCH = 25;
    private static final int MAX_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    BatchDeleter(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    void delete(List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<WriteRequest> pending = new ArrayList<>();
            keys.subList(from, Math.min(from + BATCH, keys.size())).forEach(key -> pending.add(
                    WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build()));
            writeAll(pending);
        }
    }

    private void writeAll(List<WriteRequest> requests) {
        List<WriteRequest> pending = requests;
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException(pending.size() + " items of " + table + " could not be deleted (throttled)");
            }
            if (round > 0) {
                pause(Duration.ofMillis(50L << round));
            }
            List<WriteRequest> batch = pending;
            var response = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
        }
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting items", e);
        }
    }
}
