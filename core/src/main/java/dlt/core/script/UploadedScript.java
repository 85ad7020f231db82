package dlt.core.script;

import dlt.core.port.StorageKeys;
import dlt.core.scenario.Execution;
import dlt.core.scenario.FileType;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioDefinition;
import java.util.Locale;

/**
 * Where a script scenario's uploaded file is: {@code public/test-scenarios/{testType}/{testId}.{ext}},
 * with {@code zip} for bundles and the script's own extension otherwise, and the scenario field that
 * names it (for error messages).
 */
public record UploadedScript(String key, String extension, String field, boolean zip) {

    /** @throws IllegalArgumentException when the scenario is not a script test or names no script */
    public static UploadedScript of(Scenario scenario) {
        if (!scenario.testType().usesScript()) {
            throw new IllegalArgumentException(scenario.testType().jsonValue() + " tests have no script");
        }
        Execution execution = scenario.testScenario().execution().getFirst();
        ScenarioDefinition definition = scenario.testScenario().scenarios().get(execution.scenario());
        if (definition == null || definition.script() == null) {
            throw new IllegalArgumentException("execution[0].scenario names no scenario with a script");
        }
        String field = "testScenario.scenarios." + execution.scenario() + ".script";
        boolean zip = scenario.fileType() == FileType.ZIP;
        String script = definition.script();
        String extension = zip ? "zip" : script.substring(script.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return new UploadedScript(StorageKeys.script(scenario.testType(), scenario.testId(), extension), extension, field, zip);
    }
}
