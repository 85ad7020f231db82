package dlt.core.scenario;

import java.util.List;

/**
 * A test scenario as sent to {@code POST /scenarios} (DLT v4.2's shape plus our extensions).
 * Build one with {@link ScenarioJson#parse(String)}, which checks every rule; the record itself
 * only guarantees immutability. {@code testId} and {@code schedule} may be null.
 *
 * @param saveOnly this request stores the scenario without running it (ignored with a schedule, as DLT)
 * @param runNow   this request also starts a run now when it sets a schedule (ours; a schedule alone
 *                 only schedules)
 */
public record Scenario(
        String testId,
        String testName,
        String testDescription,
        TestType testType,
        FileType fileType,
        List<TaskConfig> testTaskConfigs,
        TestScenario testScenario,
        boolean showLive,
        Schedule schedule,
        List<String> tags,
        boolean saveOnly,
        boolean runNow) {

    public Scenario {
        testTaskConfigs = ImmutableCopies.list(testTaskConfigs);
        tags = ImmutableCopies.list(tags);
    }
}
