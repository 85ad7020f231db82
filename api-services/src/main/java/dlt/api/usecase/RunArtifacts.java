package dlt.api.usecase;

import dlt.core.port.ObjectStore.PresignedDownload;
import dlt.core.port.StorageKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /scenarios/{testId}/testruns/{testRunId}/artifacts}: presigned GETs for the files the
 * results parser stored for a run (report, results, JUnit), only those that exist.
 */
public final class RunArtifacts {

    private final Ports ports;
    private final Duration validFor;
    private final TestRuns testRuns;

    public RunArtifacts(Ports ports, Duration validFor) {
        this.ports = ports;
        this.validFor = validFor;
        this.testRuns = new TestRuns(ports);
    }

    /** The artifacts of a run, by name (report, results, junit), in that order. */
    public record Artifacts(String testId, String testRunId, Map<String, PresignedDownload> files) {
        public Artifacts {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /** @throws ApiException TEST_NOT_FOUND or TESTRUN_NOT_FOUND */
    public Artifacts list(String testId, String testRunId) {
        testRuns.get(testId, testRunId);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("report", StorageKeys.report(testId, testRunId));
        keys.put("results", StorageKeys.runResults(testId, testRunId));
        keys.put("junit", StorageKeys.junit(testId, testRunId));
        Map<String, PresignedDownload> files = new LinkedHashMap<>();
        keys.forEach((name, key) -> {
            if (ports.objects().size(key).isPresent()) {
                files.put(name, ports.objects().presignGet(key, validFor));
            }
        });
        return new Artifacts(testId, testRunId, files);
    }
}
