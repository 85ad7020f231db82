package dlt.core.script;

import dlt.core.scenario.TestType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The external programs script tests need, where they are on this machine: {@code locust} for Locust
 * tests and {@code k6} for k6 tests (null when absent). JMeter needs none: it runs inside the worker's
 * JVM. The container image has both; on the local platform they are found on the {@code PATH}.
 */
public record ScriptTools(Path locust, Path k6) {

    /** The tools the worker container image ships (the AWS deployment runs every test type). */
    public static ScriptTools containerImage() {
        return new ScriptTools(Path.of("/usr/local/bin/locust"), Path.of("/usr/local/bin/k6"));
    }

    /** Searches the folders of a {@code PATH} value (the caller reads the environment). */
    public static ScriptTools onPath(String pathVariable) {
        return new ScriptTools(find(pathVariable, "locust"), find(pathVariable, "k6"));
    }

    /** The test types whose tool is present: simple and jmeter always. */
    public Set<TestType> runnableTypes() {
        Set<TestType> types = EnumSet.of(TestType.SIMPLE, TestType.JMETER);
        if (locust != null) types.add(TestType.LOCUST);
        if (k6 != null) types.add(TestType.K6);
        return types;
    }

    /** What a worker lacks to run {@code type}, worded for an error message; empty when nothing. */
    public Optional<String> missingFor(TestType type) {
        return switch (type) {
            case LOCUST -> locust != null ? Optional.empty()
                    : Optional.of("the locust program is not installed on the workers (Debian: apt-get install python3-locust; or pip install locust)");
            case K6 -> k6 != null ? Optional.empty()
                    : Optional.of("the k6 program is not installed on the workers (see https://grafana.com/docs/k6/latest/set-up/install-k6/)");
            case SIMPLE, JMETER -> Optional.empty();
        };
    }

    private static Path find(String pathVariable, String program) {
        if (pathVariable == null) return null;
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
