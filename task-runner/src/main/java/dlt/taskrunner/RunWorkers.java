package dlt.taskrunner;

import dlt.core.port.ObjectStore;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.StorageKeys;
import dlt.core.port.TaskLauncher;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.StartBarrier;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import dlt.core.run.workflow.InvalidWorkflowInputException;
import dlt.core.run.workflow.RunFailedException;
import dlt.core.run.workflow.RunGuard;
import dlt.core.run.workflow.RunnerAction.Launch;
import dlt.core.run.workflow.RunnerAction.Launched;
import dlt.core.run.workflow.RunnerAction.Release;
import dlt.core.run.workflow.RunnerAction.Released;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The task runner's two steps. Launch: one region's workers, status {@code provisioning}. Release: once
 * every region's workers run, the start barrier ({@code startAt} = now + a short lead), status {@code running}.
 * Both are safe to repeat (the state machine retries): a launch starts only the workers the run does not
 * have yet in the region, a release keeps a barrier already written (workers may have read it).
 */
public final class RunWorkers {

    private final TaskLauncher launcher;
    private final TestRunRepository runs;
    private final ScenarioRepository scenarios;
    private final ObjectStore store;
    private final RunnerSettings settings;
    private final Clock clock;

    public RunWorkers(TaskLauncher launcher, TestRunRepository runs, ScenarioRepository scenarios, ObjectStore store,
                      RunnerSettings settings, Clock clock) {
        this.launcher = launcher;
        this.runs = runs;
        this.scenarios = scenarios;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @throws RunFailedException    when fewer workers start than the region's taskCount (with the platform's reason)
     * @throws dlt.core.run.workflow.RunCancelledException when the run is being cancelled (nothing is launched)
     */
    public Launched launch(Launch command) {
        StateMachineInput run = RunGuard.requireRun(command.run());
        RegionRun region = command.region();
        if (region == null || region.region() == null || region.taskCount() < 1) {
            throw new InvalidWorkflowInputException("launch needs a region with a taskCount of 1 or more");
        }
        RunGuard.requireGoingOn(runs, run);
        RegionResources resources = RunGuard.resources(region);
        if (!resources.isDeployed()) {
            throw new RunFailedException("region " + region.region() + " has no testing resources (no ECS cluster): "
                    + "deploy the regional stack there or remove the region from the scenario");
        }
        setStatus(run, RunStatus.PROVISIONING);
        Instant launchedAt = clock.instant();
        // a repeated launch (a retried state) counts the workers this run has already
        List<String> taskIds = new ArrayList<>(launcher.tasks(resources, run.testId(), run.testRunId()).stream()
                .filter(t -> !"STOPPED".equals(t.status())).map(WorkerTask::taskId).toList());
        int missing = region.taskCount() - taskIds.size();
        if (missing > 0) {
            try {
                List<String> started = launcher.launch(resources, settings.workerContract(run, region.region()), missing);
                taskIds.addAll(started);
                if (started.size() < missing) {
                    throw new RunFailedException("only " + taskIds.size() + " of " + region.taskCount()
                            + " workers started in " + region.region() + "; the platform refused the others");
                }
            } catch (TaskLauncher.LaunchException e) {
                throw new RunFailedException(e.getMessage(), e);
            }
        }
        return new Launched(region.region(), region.taskCount(), taskIds, launchedAt.toEpochMilli());
    }

    /** Writes the start barrier (or keeps the one written) and sets the run {@code running}. */
    public Released release(Release command) {
        StateMachineInput run = RunGuard.requireRun(command.run());
        Map<String, List<String>> launchedTasks = new LinkedHashMap<>();
        command.launched().forEach(l -> launchedTasks.put(l.region(), l.taskIds()));
        Set<String> expected = run.regions().stream().map(RegionRun::region).collect(Collectors.toSet());
        if (!launchedTasks.keySet().equals(expected)) {
            throw new InvalidWorkflowInputException("release needs the launched tasks of every region of the run "
                    + expected + ", got " + launchedTasks.keySet());
        }
        RunGuard.requireGoingOn(runs, run);
        String key = StorageKeys.startBarrier(run.testId(), run.testRunId());
        StartBarrier barrier = existing(key).orElseGet(() -> {
            StartBarrier fresh = new StartBarrier(clock.millis() + settings.barrierLead().toMillis());
            store.put(key, fresh.toJson(), "application/json");
            return fresh;
        });
        setStatus(run, RunStatus.RUNNING);
        return new Released(barrier.startAt(), launchedTasks);
    }

    private Optional<StartBarrier> existing(String key) {
        return store.get(key).flatMap(bytes -> {
            try {
                return Optional.of(StartBarrier.parse(bytes));
            } catch (IllegalArgumentException unreadable) {
                return Optional.empty(); // rewritten below
            }
        });
    }

    /** The run's and the scenario's status; both ports leave a terminal status as it is. */
    private void setStatus(StateMachineInput run, RunStatus status) {
        Instant now = clock.instant();
        runs.updateStatus(run.testId(), run.testRunId(), status, null, now);
        scenarios.updateRunStatus(run.testId(), run.testRunId(), status, null, now);
    }
}
