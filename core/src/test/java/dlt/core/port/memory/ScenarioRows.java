package dlt.core.port.memory;

/** Rules the scenarios table holds for its keys, shared by the fake and (by copy) the adapter. */
final class ScenarioRows {
    private ScenarioRows() {
    }

    /** Region rows live under {@code region-{name}}; a scenario there would be hidden from listings. */
    static void requireScenarioId(String testId) {
        if (testId == null || testId.isEmpty() || testId.startsWith("region-")) {
            throw new IllegalArgumentException("a scenario's testId must be set and must not start with 'region-'");
        }
    }
}
