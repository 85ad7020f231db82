package dlt.taskcanceler;

import dlt.core.port.ScenarioRepository;
import dlt.core.port.TaskLauncher;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.workflow.CancelRun;
import dlt.core.run.workflow.InvalidWorkflowInputException;
import dlt.core.run.workflow.RunGuard;
import dlt.core.run.workflow.WorkflowError;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Stops every worker of a run in every region, and says how the run ends. Idempotent: it lists the run's
 * tasks, stops those not stopped, and lists again until none is left or its passes run out (workers get
 * SIGTERM and upload what they measured before they stop, which takes ECS up to about 30 s).
 * It writes no status: the results parser writes {@code cancelled} or {@code failed}, last.
 */
public final class StopRun {

    public static final String CANCELLED = "cancelled";
    public static final String FAILED = "failed";
    static final String CANCEL_REASON = "cancelled by the user";
    private static final Set<String> GONE = Set.of("STOPPED", "DELETED");
    private static final Set<String> STOPPING = Set.of("DEACTIVATING", "STOPPING", "DEPROVISIONING");

    /** How many times the run's tasks are listed at most, and the wait between two passes. */
    public record Patience(int passes, Duration betweenPasses) {
        public static final Patience DEFAULT = new Patience(12, Duration.ofSeconds(5));

        public Patience {
            if (passes < 1) {
                throw new IllegalArgumentException("the canceller makes at least one pass");
            }
        }
    }

    /** Waits between passes; tests replace it so they take no time. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d);

        void sleep(Duration duration) throws InterruptedException;
    }

    private final TaskLauncher launcher;
    private final ScenarioRepository scenarios;
    private final TestRunRepository runs;
    private final Patience patience;
    private final Sleeper sleeper;

    public StopRun(TaskLauncher launcher, ScenarioRepository scenarios, TestRunRepository runs, Patience patience,
                   Sleeper sleeper) {
        this.launcher = launcher;
        this.scenarios = scenarios;
        this.runs = runs;
        this.patience = patience;
        this.sleeper = sleeper;
    }

    public CancelRun.Result cancel(CancelRun command) {
        if (command.testId() == null || command.testId().isBlank() || command.testRunId() == null
                || command.testRunId().isBlank()) {
            throw new InvalidWorkflowInputException("the canceller needs testId and testRunId");
        }
        // the API's cancel names no regions: every region with testing resources is searched
        List<RegionResources> regions = command.regions().isEmpty() ? scenarios.regions()
                : command.regions().stream().map(RunGuard::resources).toList();
        boolean byUser = byUser(command);
        String errorReason = byUser ? CANCEL_REASON : command.error().reason();
        String stopReason = truncated("dlt: run " + command.testRunId() + (byUser ? " cancelled" : " failed: " + errorReason));
        int stopRequests = 0;
        int remaining = 0;
        for (int pass = 1; pass <= patience.passes(); pass++) {
            remaining = 0;
            for (RegionResources region : regions) {
                if (!region.isDeployed()) {
                    continue;
                }
                for (WorkerTask task : launcher.tasks(region, command.testId(), command.testRunId())) {
                    if (task.status() != null && GONE.contains(task.status())) {
                        continue;
                    }
                    remaining++;
                    if (task.status() == null || !STOPPING.contains(task.status())) {
                        launcher.stop(region, task.taskId(), stopReason);
                        stopRequests++;
                    }
                }
            }
            if (remaining == 0 || pass == patience.passes()) {
                break;
            }
            try {
                sleeper.sleep(patience.betweenPasses());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new CancelRun.Result(command.testId(), command.testRunId(), stopRequests, remaining,
                byUser ? CANCELLED : FAILED, errorReason);
    }

    /** A cancel with no error (the API's), one the status checker raised, or of a run a user is cancelling. */
    private boolean byUser(CancelRun command) {
        WorkflowError error = command.error();
        if (error == null || error.isCancel()) {
            return true;
        }
        return runs.find(command.testId(), command.testRunId())
                .map(run -> run.status() == RunStatus.CANCELLING).orElse(false);
    }

    private static String truncated(String reason) {
        return reason.length() > 255 ? reason.substring(0, 252) + "..." : reason;
    }
}
