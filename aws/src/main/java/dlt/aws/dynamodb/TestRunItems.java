package dlt.aws.dynamodb;

import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Rows of the test-runs table (DLT's history table): DLT's attribute names, the frozen scenario gzipped. */
final class TestRunItems {

    static final String TEST_ID = "testId";
    static final String TEST_RUN_ID = "testRunId";
    static final String START_TIME = "startTime";
    static final String STATUS = "status";

    private TestRunItems() {
    }

    static Map<String, AttributeValue> key(String testId, String testRunId) {
        return Map.of(TEST_ID, ItemAttributes.s(testId), TEST_RUN_ID, ItemAttributes.s(testRunId));
    }

    static Map<String, AttributeValue> toItem(TestRun run) {
        return ItemAttributes.write()
                .string(TEST_ID, run.testId())
                .string(TEST_RUN_ID, run.testRunId())
                .string(STATUS, run.status().wire())
                .instant(START_TIME, run.startTime())
                .instant("endTime", run.endTime())
                .string("testType", run.scenario() == null ? null : run.scenario().testType().jsonValue())
                .bytes("scenario", ScenarioBlob.of(run.scenario()))
                .string("errorReason", run.errorReason())
                .string("results", run.results())
                .string("summary", run.summary())
                .number("succPercent", run.succPercent())
                .bool("partial", run.partial())
                .strings("missingTasks", run.missingTasks())
                .build();
    }

    static TestRun fromItem(Map<String, AttributeValue> item) {
        ItemAttributes read = ItemAttributes.read(item);
        return new TestRun(
                read.string(TEST_ID),
                read.string(TEST_RUN_ID),
                RunStatus.fromWire(read.string(STATUS)).orElseThrow(
                        () -> new IllegalStateException("a stored run has an unknown status: " + read.string(STATUS))),
                read.instant(START_TIME),
                read.instant("endTime"),
                ScenarioBlob.read(read.bytes("scenario")),
                read.string("errorReason"),
                read.string("results"),
                read.string("summary"),
                read.decimal("succPercent"),
                read.bool("partial"),
                read.strings("missingTasks"));
    }
}
