package dlt.results;

import dlt.core.run.StateMachineInput;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the state machine hands the results parser: the run's state machine input, the task ids each
 * region launched (absent when the launch step did not record them: the expected tasks are then
 * {@code taskCount} per region), how the run ended, and why, when it did not complete.
 */
public record ParseResultsInput(StateMachineInput run, Map<String, List<String>> launchedTasks, Outcome outcome,
                                String errorReason) {

    /** How the state machine says the run ended: it decides the terminal status. */
    public enum Outcome {
        COMPLETE("complete"),
        CANCELLED("cancelled"),
        FAILED("failed");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** @throws IllegalArgumentException naming the accepted values; null or blank means complete */
        public static Outcome fromWire(String text) {
            if (text == null || text.isBlank()) {
                return COMPLETE;
            }
            for (Outcome outcome : values()) {
                if (outcome.wire.equals(text.trim())) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("outcome '" + text + "' is not one of complete, cancelled, failed");
        }
    }

    public ParseResultsInput {
        if (run == null) {
            throw new IllegalArgumentException("the state machine input (testId, testRunId, regions) is missing");
        }
        if (run.testId() == null || run.testId().isBlank() || run.testRunId() == null || run.testRunId().isBlank()) {
            throw new IllegalArgumentException("testId and testRunId are required");
        }
        if (launchedTasks != null) {
            TreeMap<String, List<String>> copy = new TreeMap<>();
            launchedTasks.forEach((region, ids) -> copy.put(region, ids == null ? List.of() : List.copyOf(ids)));
            launchedTasks = java.util.Collections.unmodifiableMap(copy);
        }
        outcome = outcome == null ? Outcome.COMPLETE : outcome;
    }
}
