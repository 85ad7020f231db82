package dlt.loadtester.script;

import dlt.core.scenario.Execution;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.TaskConfig;
import dlt.core.scenario.TestType;
import dlt.core.script.ScriptTools;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a script scenario means for one worker: the load (the region's per-task concurrency, the first
 * execution's ramp-up and hold-for, as DLT applies them) and the runner for its test type.
 */
public final class ScriptPlans {
    private ScriptPlans() {
    }

    /** @throws IllegalArgumentException when the scenario asks for something scripts cannot do */
    public static ScriptLoad load(Scenario scenario, String region) {
        Execution execution = scenario.testScenario().execution().getFirst();
        if (execution.isOpenModel()) {
            throw new IllegalArgumentException("arrival-rate and stages drive simple tests; a "
                    + scenario.testType().jsonValue() + " test takes concurrency, ramp-up and hold-for");
        }
        Integer users = execution.concurrency();
        for (TaskConfig t : scenario.testTaskConfigs()) {
            if (region == null || t.region().equals(region)) {
                users = t.concurrency();
                break;
            }
        }
        long rampUp = execution.rampUp() == null ? 0 : execution.rampUp().toMillis() * 1_000_000L;
        Long hold = execution.holdFor() == null ? null : execution.holdFor().toMillis() * 1_000_000L;
        return new ScriptLoad(users, rampUp, hold, null);
    }

    /**
     * The runner for the scenario's test type.
     *
     * @throws ScriptFailure when the tool the type needs is not installed here
     */
    public static ScriptRunner runner(TestType type, ScriptFiles files, ScriptLoad load, ScriptTools tools) {
        tools.missingFor(type).ifPresent(missing -> {
            throw new ScriptFailure("cannot run a " + type.jsonValue() + " test: " + missing);
        });
        return switch (type) {
            case JMETER -> new JMeterRunner(files.entryScript(), files.plugins(), load);
            case LOCUST -> new LocustRunner(tools.locust(), files.entryScript(), load);
            case K6 -> new K6Runner(tools.k6(), files.entryScript(), load);
            case SIMPLE -> throw new IllegalArgumentException("simple tests run on the HTTP engine, not a script runner");
        };
    }

    /** The type a script file's name implies: {@code .jmx}, {@code .js}/{@code .ts}, {@code .py}; null otherwise. */
    public static TestType typeOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (TestType type : TestType.values()) {
            for (String extension : type.scriptExtensions()) {
                if (name.endsWith(extension)) return type;
            }
        }
        return null;
    }
}
