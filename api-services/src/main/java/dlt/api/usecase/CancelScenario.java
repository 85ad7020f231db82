package dlt.api.usecase;

import dlt.core.run.RunStatus;
import dlt.core.run.StoredScenario;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code POST /scenarios/{testId}}: cancels the active run. The API writes {@code cancelling} and asks
 * the canceller to stop the workers; the state machine sees the status at its next check and ends the
 * run through the canceller and the results parser.
 */
public final class CancelScenario {

    private static final System.Logger LOG = System.getLogger(CancelScenario.class.getName());

    private final Ports ports;
    private final Clock clock;

    public CancelScenario(Ports ports, Clock clock) {
        this.ports = ports;
        this.clock = clock;
    }

    public record Result(String testId, String testRunId, RunStatus status) {
    }

    public Result cancel(String testId) {
        StoredScenario scenario = ports.scenarios().find(testId).orElseThrow(() -> ApiException.testNotFound(testId));
        String testRunId = scenario.lastRunId();
        if (!scenario.status().isActive() || testRunId == null) {
            throw new ApiException(ErrorCode.TEST_NOT_RUNNING, "testId",
                    "test " + testId + " has no run in progress (status " + scenario.status().wire() + ")");
        }
        Instant now = clock.instant();
        boolean moved = ports.runs().updateStatus(testId, testRunId, RunStatus.CANCELLING, null, now);
        if (!moved) {
            throw new ApiException(ErrorCode.TEST_NOT_RUNNING, "testId",
                    "run " + testRunId + " of test " + testId + " has already ended");
        }
        ports.scenarios().updateRunStatus(testId, testRunId, RunStatus.CANCELLING, null, now);
        try {
            ports.canceller().cancel(testId, testRunId);
        } catch (RuntimeException e) {
            // the run is cancelling all the same: the state machine sees it at its next check and stops the workers
            LOG.log(Level.WARNING, "the canceller of run " + testRunId + " could not be invoked; the state machine "
                    + "will cancel at its next check", e);
        }
        return new Result(testId, testRunId, RunStatus.CANCELLING);
    }
}
