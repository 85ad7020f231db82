package dlt.aws.dynamodb;

import dlt.aws.AwsSettings;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The two tables as the SAM template declares them, for the local platform and tests (on AWS,
 * CloudFormation creates them).
 */
public final class DynamoDbTables {
    private DynamoDbTables() {
    }

    /** Creates the scenarios and test-runs tables (with the start-time index) unless they exist, and waits for them. */
    public static void createIfMissing(DynamoDbClient dynamoDb, AwsSettings settings) {
        createIfMissing(dynamoDb, settings.scenariosTable(), List.of(key("testId", KeyType.HASH)),
                List.of(stringAttribute("testId")), null);
        GlobalSecondaryIndex startTime = GlobalSecondaryIndex.builder()
                .indexName(settings.historyStartTimeIndex())
                .keySchema(key("testId", KeyType.HASH), key("startTime", KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
        createIfMissing(dynamoDb, settings.historyTable(),
                List.of(key("testId", KeyType.HASH), key("testRunId", KeyType.RANGE)),
                List.of(stringAttribute("testId"), stringAttribute("testRunId"), stringAttribute("startTime")), startTime);
    }

    private static void createIfMissing(DynamoDbClient dynamoDb, String table, List<KeySchemaElement> keys,
                                        List<AttributeDefinition> attributes, GlobalSecondaryIndex index) {
        if (exists(dynamoDb, table)) {
            return;
        }
        try {
            dynamoDb.createTable(b -> {
                b.tableName(table).keySchema(keys).attributeDefinitions(attributes)
                        .billingMode(BillingMode.PAY_PER_REQUEST);
                if (index != null) {
                    b.globalSecondaryIndexes(index);
                }
            });
        } catch (ResourceInUseException createdMeanwhile) {
            // another process created it first: what we wanted
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    private static boolean exists(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
