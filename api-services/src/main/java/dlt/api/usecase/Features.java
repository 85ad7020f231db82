package dlt.api.usecase;

import dlt.core.scenario.TestType;
import dlt.core.script.ScriptTools;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this deployment runs. Test types follow what the workers can run ({@link #forWorkers}): simple
 * and JMeter tests always, Locust and k6 tests where the workers have the program, with the reason
 * (what is missing) for each type they cannot run, so a scenario asking for one is refused before
 * anything runs.
 */
public record Features(Set<TestType> testTypes, boolean scheduling, Map<TestType, String> missing) {

    /** The AWS deployment: its worker image ships locust and k6, so every test type runs. */
    public static final Features CURRENT = forWorkers(ScriptTools.containerImage(), true);

    public Features {
        testTypes = Set.copyOf(testTypes);
        missing = Map.copyOf(missing);
    }

    public Features(Set<TestType> testTypes, boolean scheduling) {
        this(testTypes, scheduling, Map.of());
    }

    /** The test types workers with these tools run. */
    public static Features forWorkers(ScriptTools tools, boolean scheduling) {
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        Map<TestType, String> missing = new EnumMap<>(TestType.class);
        for (TestType type : TestType.values()) {
            tools.missingFor(type).ifPresentOrElse(reason -> missing.put(type, reason), () -> types.add(type));
        }
        return new Features(types, scheduling, missing);
    }

    /** The same features, with the test types of workers that have {@code tools} (the local platform's). */
    public Features withWorkerTools(ScriptTools tools) {
        Features workers = forWorkers(tools, scheduling);
        return new Features(workers.testTypes, scheduling, workers.missing);
    }

    public String describeTestTypes() {
        return testTypes.stream().map(TestType::jsonValue).sorted().collect(Collectors.joining(", "));
    }
}
