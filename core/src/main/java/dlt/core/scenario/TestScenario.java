package dlt.core.scenario;

import dlt.core.time.DltDuration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Taurus's part of a scenario: how load is applied ({@code execution}), what each virtual user does
 * ({@code scenarios}, by name), and the pass/fail thresholds (metric key to k6-style expressions).
 */
public record TestScenario(
        List<Execution> execution,
        Map<String, ScenarioDefinition> scenarios,
        Map<String, List<String>> thresholds) {

    public TestScenario {
        execution = ImmutableCopies.list(execution);
        scenarios = ImmutableCopies.orderedMap(scenarios);
        thresholds = copyOfThresholds(thresholds);
    }

    /** The longest execution's duration: how long a run lasts, ramp-up included. */
    public DltDuration testDuration() {
        return execution.stream()
                .map(Execution::testDuration)
                .max(DltDuration::compareTo)
                .orElse(DltDuration.ZERO);
    }

    private static Map<String, List<String>> copyOfThresholds(Map<String, List<String>> source) {
        if (source == null) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        source.forEach((metric, expressions) -> copy.put(metric, ImmutableCopies.list(expressions)));
        return ImmutableCopies.orderedMap(copy);
    }
}
