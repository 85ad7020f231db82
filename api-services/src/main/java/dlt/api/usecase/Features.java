package dlt.api.usecase;

import dlt.core.scenario.TestType;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this deployment runs. A scenario asking for what it does not run is refused with a clear
 * message rather than stored and never run.
 */
public record Features(Set<TestType> testTypes, boolean scheduling) {

    public static final Features CURRENT = new Features(EnumSet.of(TestType.SIMPLE), true);

    public Features {
        testTypes = Set.copyOf(testTypes);
    }

    public String describeTestTypes() {
        return testTypes.stream().map(TestType::jsonValue).sorted().collect(Collectors.joining(", "));
    }
}
