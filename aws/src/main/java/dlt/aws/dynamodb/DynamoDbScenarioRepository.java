package dlt.aws.dynamodb;

import static dlt.aws.dynamodb.ItemAttributes.s;
import static dlt.aws.dynamodb.ScenarioItems.REGION_PREFIX;
import static dlt.aws.dynamodb.ScenarioItems.key;

import dlt.aws.priming.Priming;
import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.ScenarioRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The scenarios table on DynamoDB. Status changes are single conditional updates, so two writers racing
 * (two starts, a completion and a failure) cannot both win, whatever Lambda they run in.
 */
public final class DynamoDbScenarioRepository implements ScenarioRepository {

    private static final String NOT_ACTIVE = "NOT (#status IN (" + placeholders("a", activeStatuses()) + "))";
    private static final String NOT_TERMINAL = "NOT (#status IN (" + placeholders("t", terminalStatuses()) + "))";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Priming priming;

    public DynamoDbScenarioRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.priming = Priming.register("scenarios table " + table, () -> find("dlt-priming"));
    }

    @Override
    public Optional<StoredScenario> find(String testId) {
        if (testId.startsWith(REGION_PREFIX)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = getItem(testId);
        return item == null ? Optional.empty() : Optional.of(ScenarioItems.fromItem(item));
    }

    @Override
    public List<StoredScenario> list() {
        return scan("NOT begins_with(testId, :region)").map(ScenarioItems::fromItem).toList();
    }

    /** Only the list's attributes are read: the scenario blob and DLT's results stay in the table. */
    @Override
    public List<ScenarioSummary> summaries() {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression("NOT begins_with(testId, :region)")
                        .projectionExpression(ScenarioItems.SUMMARY_ATTRIBUTES)
                        .expressionAttributeNames(ScenarioItems.SUMMARY_NAMES)
                        .expressionAttributeValues(Map.of(":region", s(REGION_PREFIX))))
                .items().stream().map(ScenarioItems::summaryFromItem).toList();
    }

    @Override
    public void put(StoredScenario scenario) {
        if (scenario.testId() == null || scenario.testId().isEmpty() || scenario.testId().startsWith(REGION_PREFIX)) {
            throw new IllegalArgumentException("a scenario's testId must be set and must not start with 'region-'");
        }
        dynamoDb.putItem(b -> b.tableName(table).item(ScenarioItems.toItem(scenario)));
    }

    @Override
    public StoredScenario beginRun(String testId, String testRunId, Instant startTime) {
        Map<String, AttributeValue> values = new HashMap<>(statusValues("a", activeStatuses()));
        values.put(":queued", s(RunStatus.QUEUED.wire()));
        values.put(":run", s(testRunId));
        values.put(":start", s(ItemAttributes.time(startTime)));
        values.put(":zero", ItemAttributes.n(0));
        values.put(":one", ItemAttributes.n(1));
        try {
            return ScenarioItems.fromItem(dynamoDb.updateItem(update(testId)
                    .updateExpression("SET #status = :queued, lastRunId = :run, startTime = :start, updatedAt = :start,"
                            + " totalTestRuns = if_not_exists(totalTestRuns, :zero) + :one"
                            + " REMOVE endTime, errorReason, results")
                    .conditionExpression("attribute_exists(testId) AND " + NOT_ACTIVE)
                    .expressionAttributeNames(Map.of("#status", ScenarioItems.STATUS))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build()).attributes());
        } catch (ConditionalCheckFailedException e) {
            StoredScenario current = find(testId)
                    .orElseThrow(() -> new NotFoundException("test " + testId + " does not exist"));
            throw new ConflictException("test " + testId + " is already running ("
                    + (current.status() == null ? "unknown" : current.status().wire()) + ")");
        }
    }

    @Override
    public boolean updateRunStatus(String testId, String testRunId, RunStatus status, String errorReason, Instant at) {
        if (testId.startsWith(REGION_PREFIX)) {
            return false;
        }
        Map<String, AttributeValue> values = new HashMap<>(statusValues("t", terminalStatuses()));
        values.put(":status", s(status.wire()));
        values.put(":run", s(testRunId));
        values.put(":at", s(ItemAttributes.time(at)));
        StringBuilder set = new StringBuilder("SET #status = :status, updatedAt = :at");
        if (status.isTerminal()) {
            set.append(", endTime = :at");
        }
        if (errorReason != null) {
            set.append(", errorReason = :reason");
            values.put(":reason", s(errorReason));
        }
        try {
            dynamoDb.updateItem(update(testId)
                    .updateExpression(set.toString())
                    .conditionExpression("lastRunId = :run AND " + NOT_TERMINAL)
                    .expressionAttributeNames(Map.of("#status", ScenarioItems.STATUS))
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void setNextRun(String testId, Instant nextRun) {
        UpdateItemRequest.Builder request = update(testId).conditionExpression("attribute_exists(testId)");
        if (nextRun == null) {
            request.updateExpression("REMOVE nextRun");
        } else {
            request.updateExpression("SET nextRun = :next")
                    .expressionAttributeValues(Map.of(":next", s(ItemAttributes.time(nextRun))));
        }
        try {
            dynamoDb.updateItem(request.build());
        } catch (ConditionalCheckFailedException e) {
            // a scenario deleted meanwhile has no next run to keep
        }
    }

    @Override
    public void setBaseline(String testId, String baselineId) {
        UpdateItemRequest.Builder request = update(testId).conditionExpression("attribute_exists(testId)");
        if (baselineId == null) {
            request.updateExpression("REMOVE baselineId");
        } else {
            request.updateExpression("SET baselineId = :b").expressionAttributeValues(Map.of(":b", s(baselineId)));
        }
        try {
            dynamoDb.updateItem(request.build());
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("test " + testId + " does not exist");
        }
    }

    @Override
    public void runsDeleted(String testId, int count) {
        Map<String, AttributeValue> n = Map.of(":n", ItemAttributes.n(count));
        // two conditional updates, not a read and a write, so a run starting meanwhile is never lost from the count
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                dynamoDb.updateItem(update(testId).updateExpression("SET totalTestRuns = totalTestRuns - :n")
                        .conditionExpression("totalTestRuns >= :n").expressionAttributeValues(n).build());
                return;
            } catch (ConditionalCheckFailedException fewerThanDeleted) {
                try {
                    dynamoDb.updateItem(update(testId).updateExpression("SET totalTestRuns = :zero")
                            .conditionExpression("attribute_exists(testId) AND"
                                    + " (attribute_not_exists(totalTestRuns) OR totalTestRuns < :n)")
                            .expressionAttributeValues(Map.of(":n", n.get(":n"), ":zero", ItemAttributes.n(0)))
                            .build());
                    return;
                } catch (ConditionalCheckFailedException goneOrChanged) {
                    if (getItem(testId) == null) {
                        return;
                    }
                }
            }
        }
        throw new ConflictException("the run count of test " + testId + " kept changing; try again");
    }

    @Override
    public void delete(String testId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(testId)));
    }

    @Override
    public List<RegionResources> regions() {
        return scan("begins_with(testId, :region)").map(ScenarioItems::regionFromItem)
                .filter(RegionResources::isDeployed).toList();
    }

    @Override
    public Optional<RegionResources> region(String region) {
        Map<String, AttributeValue> item = getItem(RegionResources.rowId(region));
        return item == null ? Optional.empty() : Optional.of(ScenarioItems.regionFromItem(item));
    }

    @Override
    public void putRegion(RegionResources resources) {
        dynamoDb.putItem(b -> b.tableName(table).item(ScenarioItems.toItem(resources)));
    }

    /** Runs the priming call now (tests; what a SnapStart checkpoint does). */
    public void prime() {
        priming.prime();
    }

    private Map<String, AttributeValue> getItem(String testId) {
        var response = dynamoDb.getItem(b -> b.tableName(table).key(key(testId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private Stream<Map<String, AttributeValue>> scan(String filter) {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression(filter)
                        .expressionAttributeValues(Map.of(":region", s(REGION_PREFIX))))
                .items().stream();
    }

    private UpdateItemRequest.Builder update(String testId) {
        return UpdateItemRequest.builder().tableName(table).key(key(testId));
    }

    private static List<RunStatus> activeStatuses() {
        return Arrays.stream(RunStatus.values()).filter(RunStatus::isActive).toList();
    }

    private static List<RunStatus> terminalStatuses() {
        return Arrays.stream(RunStatus.values()).filter(RunStatus::isTerminal).toList();
    }

    static String placeholders(String prefix, List<RunStatus> statuses) {
        return statuses.stream().map(st -> ":" + prefix + st.ordinal()).collect(Collectors.joining(", "));
    }

    static Map<String, AttributeValue> statusValues(String prefix, List<RunStatus> statuses) {
        return statuses.stream().collect(Collectors.toMap(st -> ":" + prefix + st.ordinal(), st -> s(st.wire())));
    }
}
