package dlt.core.port;

import dlt.core.scenario.TestType;

/** The S3 layout of ARCHITECTURE §4, in one place. Ids must be validated before they get here. */
public final class StorageKeys {
    private StorageKeys() {
    }

    public static String script(TestType type, String testId, String extension) {
        return "public/test-scenarios/" + type.jsonValue() + "/" + testId + "." + extension;
    }

    public static String runConfig(String testId, String testRunId, String region) {
        return "test-scenarios/" + testId + "/" + testRunId + "/" + region + ".json";
    }

    public static String runConfigs(String testId) {
        return "test-scenarios/" + testId + "/";
    }

    public static String results(String testId) {
        return "results/" + testId + "/";
    }

    public static String run(String testId, String testRunId) {
        return "results/" + testId + "/" + testRunId + "/";
    }

    public static String startBarrier(String testId, String testRunId) {
        return run(testId, testRunId) + "start";
    }

    public static String workerResult(String testId, String testRunId, String region, String taskId) {
        return run(testId, testRunId) + region + "/" + taskId + ".json";
    }

    public static String completion(String testId, String testRunId, String region, String taskId) {
        return run(testId, testRunId) + "completion/" + region + "/" + taskId;
    }

    public static String runResults(String testId, String testRunId) {
        return run(testId, testRunId) + "results.json";
    }

    public static String report(String testId, String testRunId) {
        return run(testId, testRunId) + "report.html";
    }

    public static String junit(String testId, String testRunId) {
        return run(testId, testRunId) + "junit.xml";
    }
}
