package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The end of an execution: its output when it succeeded, its error and cause otherwise, and its
 * history (at most the configured number of events) with the count of every event recorded.
 */
public record ExecutionResult(ExecutionStatus status, JsonNode output, String error, String cause,
                              List<HistoryEvent> history, long historyEventCount) {
    public ExecutionResult {
        history = List.copyOf(history);
    }
}
