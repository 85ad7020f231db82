package dlt.api.usecase;

import dlt.core.port.StorageKeys;
import dlt.core.run.StoredScenario;
import dlt.core.scenario.TestType;

/**
 * {@code DELETE /scenarios/{testId}}: removes a test that is not running, with its schedule, runs, uploaded
 * scripts, run configs and results. The scenario row goes last, so a failure half way can be retried.
 */
public final class DeleteScenario {

    private final Ports ports;

    public DeleteScenario(Ports ports) {
        this.ports = ports;
    }

    public void delete(String testId) {
        StoredScenario scenario = ports.scenarios().find(testId).orElseThrow(() -> ApiException.testNotFound(testId));
        if (scenario.status().isActive()) {
            throw new ApiException(ErrorCode.TEST_RUNNING, "testId",
                    "test " + testId + " has a run in progress (status " + scenario.status().wire()
                            + "); cancel it before deleting the test");
        }
        // the schedule first: a schedule left behind would fire for a test that is gone
        ports.schedules().delete(testId);
        for (TestType type : TestType.values()) {
            for (String extension : type.scriptExtensions()) {
                ports.objects().delete(StorageKeys.script(type, testId, extension.substring(1)));
            }
            if (type.usesScript()) {
                ports.objects().delete(StorageKeys.script(type, testId, "zip"));
            }
        }
        ports.objects().deletePrefix(StorageKeys.runConfigs(testId));
        ports.objects().deletePrefix(StorageKeys.results(testId));
        ports.runs().deleteAll(testId);
        ports.scenarios().delete(testId);
    }
}
