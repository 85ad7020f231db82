package dlt.aws.dynamodb;

import static dlt.aws.dynamodb.DynamoDbScenarioRepository.placeholders;
import static dlt.aws.dynamodb.DynamoDbScenarioRepository.statusValues;
import static dlt.aws.dynamodb.ItemAttributes.s;

import dlt.aws.priming.Priming;
import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The test-runs table on DynamoDB: PK testId, SK testRunId, and the start-time index for newest-first
 * pages. A terminal status is written with a condition, so it is never overwritten.
 */
public final class DynamoDbTestRunRepository implements TestRunRepository {

    private static final Comparator<TestRun> NEWEST_FIRST = Comparator
            .comparing(TestRun::startTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(TestRun::testRunId, Comparator.reverseOrder());
    private static final List<RunStatus> TERMINAL = Arrays.stream(RunStatus.values()).filter(RunStatus::isTerminal).toList();

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String startTimeIndex;
    private final Priming priming;

    public DynamoDbTestRunRepository(DynamoDbClient dynamoDb, String table, String startTimeIndex) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.startTimeIndex = startTimeIndex;
        this.priming = Priming.register("test-runs table " + table, () -> find("dlt-priming", "dlt-priming"));
    }

    @Override
    public void create(TestRun run) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(TestRunItems.toItem(run))
                    .conditionExpression("attribute_not_exists(testRunId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("run " + run.testRunId() + " of test " + run.testId() + " exists");
        }
    }

    @Override
    public Optional<TestRun> find(String testId, String testRunId) {
        var response = dynamoDb.getItem(b -> b.tableName(table).key(TestRunItems.key(testId, testRunId))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(TestRunItems.fromItem(response.item())) : Optional.empty();
    }

    @Override
    public RunPage list(String testId, RunQuery query) {
        if (query.limit() < 1 || query.limit() > 100) {
            throw new IllegalArgumentException("limit must be 1..100");
        }
        Map<String, AttributeValue> startKey = query.nextToken() == null ? null
                : RunPageToken.decode(query.nextToken(), testId);
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(startTimeIndex)
                .scanIndexForward(false);
        windowCondition(request, testId, query.from(), query.to());
        // one run more than asked tells whether another page exists, so the last page never carries a token
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        do {
            QueryResponse response = queryIndex(request.exclusiveStartKey(startKey)
                    .limit(query.limit() + 1 - items.size()).build());
            items.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (items.size() <= query.limit() && startKey != null);
        boolean more = items.size() > query.limit();
        List<Map<String, AttributeValue>> page = more ? items.subList(0, query.limit()) : items;
        return new RunPage(page.stream().map(TestRunItems::fromItem).toList(),
                more ? RunPageToken.encode(page.get(page.size() - 1)) : null);
    }

    @Override
    public List<TestRun> listAll(String testId) {
        List<TestRun> runs = new ArrayList<>(dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("testId = :t")
                        .expressionAttributeValues(Map.of(":t", s(testId))))
                .items().stream().map(TestRunItems::fromItem).toList());
        runs.sort(NEWEST_FIRST);
        return List.copyOf(runs);
    }

    @Override
    public void saveResults(TestRun run) {
        Map<String, AttributeValue> parsed = TestRunItems.toItem(run);
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        // every name through a placeholder: some (partial) are DynamoDB reserved words
        for (String field : List.of("results", "summary", "succPercent", "partial", "missingTasks")) {
            names.put("#" + field, field);
            if (parsed.containsKey(field)) {
                set.add("#" + field + " = :" + field);
                values.put(":" + field, parsed.get(field));
            } else {
                remove.add("#" + field);
            }
        }
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamoDb.updateItem(update(run.testId(), run.testRunId())
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(testRunId)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("run " + run.testRunId() + " of test " + run.testId() + " does not exist");
        }
    }

    @Override
    public boolean updateStatus(String testId, String testRunId, RunStatus status, String errorReason, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(statusValues("t", TERMINAL));
        values.put(":status", s(status.wire()));
        StringBuilder set = new StringBuilder("SET #status = :status");
        if (status.isTerminal()) {
            set.append(", endTime = :at");
            values.put(":at", s(ItemAttributes.time(at)));
        }
        if (errorReason != null) {
            set.append(", errorReason = :reason");
            values.put(":reason", s(errorReason));
        }
        try {
            dynamoDb.updateItem(update(testId, testRunId)
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_exists(testRunId) AND NOT (#status IN ("
                            + placeholders("t", TERMINAL) + "))")
                    .expressionAttributeNames(Map.of("#status", TestRunItems.STATUS))
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            if (find(testId, testRunId).isEmpty()) {
                throw new NotFoundException("run " + testRunId + " of test " + testId + " does not exist");
            }
            return false;
        }
    }

    @Override
    public void delete(String testId, Collection<String> testRunIds) {
        new BatchDeleter(dynamoDb, table).delete(testRunIds.stream().map(id -> TestRunItems.key(testId, id)).toList());
    }

    @Override
    public void deleteAll(String testId) {
        List<Map<String, AttributeValue>> keys = dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("testId = :t")
                        .projectionExpression("testId, testRunId")
                        .expressionAttributeValues(Map.of(":t", s(testId))))
                .items().stream().toList();
        new BatchDeleter(dynamoDb, table).delete(keys);
    }

    /** Runs the priming call now (tests; what a SnapStart checkpoint does). */
    public void prime() {
        priming.prime();
    }

    private QueryResponse queryIndex(QueryRequest request) {
        try {
            return dynamoDb.query(request);
        } catch (DynamoDbException e) {
            // a well-formed token whose key lies outside the asked window is still the client's mistake
            if (request.exclusiveStartKey() != null && e.statusCode() == 400
                    && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalArgumentException("next_token does not belong to this query", e);
            }
            throw e;
        }
    }

    private static void windowCondition(QueryRequest.Builder request, String testId, Instant from, Instant to) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", s(testId));
        String condition = "testId = :t";
        if (from != null && to != null) {
            condition += " AND startTime BETWEEN :from AND :to";
        } else if (from != null) {
            condition += " AND startTime >= :from";
        } else if (to != null) {
            condition += " AND startTime <= :to";
        }
        if (from != null) {
            values.put(":from", s(ItemAttributes.time(from)));
        }
        if (to != null) {
            values.put(":to", s(ItemAttributes.time(to)));
        }
        request.keyConditionExpression(condition).expressionAttributeValues(values);
    }

    private UpdateItemRequest.Builder update(String testId, String testRunId) {
        return UpdateItemRequest.builder().tableName(table).key(TestRunItems.key(testId, testRunId));
    }
}
