package dlt.taskstatuschecker;

import dlt.core.port.ObjectStore;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.StorageKeys;
import dlt.core.port.TaskLauncher;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.run.workflow.InvalidWorkflowInputException;
import dlt.core.run.workflow.RegionItem;
import dlt.core.run.workflow.RunFailedException;
import dlt.core.run.workflow.RunGuard;
import dlt.core.run.workflow.StatusCheck.Completion;
import dlt.core.run.workflow.StatusCheck.CompletionStatus;
import dlt.core.run.workflow.StatusCheck.Preflight;
import dlt.core.run.workflow.StatusCheck.PreflightResult;
import dlt.core.run.workflow.StatusCheck.Provisioning;
import dlt.core.run.workflow.StatusCheck.ProvisioningStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The status checker's three checks. Each reads the run's status first: {@code cancelling} throws
 * {@code RunCancelledException} (the state machine then stops the workers), a terminal status
 * {@code RunFailedException}. Every wait has a deadline: provisioning fails past it, completion stops the
 * stragglers and lets the results parser mark the run partial.
 */
public final class CheckRun {

    /** ECS's statuses of a task that has stopped or is on its way there. */
    static final Set<String> STOPPING = Set.of("DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED", "DELETED");

    private final TaskLauncher launcher;
    private final TestRunRepository runs;
    private final ScenarioRepository scenarios;
    private final ObjectStore store;
    private final CheckerSettings settings;
    private final Clock clock;

    public CheckRun(TaskLauncher launcher, TestRunRepository runs, ScenarioRepository scenarios, ObjectStore store,
                    CheckerSettings settings, Clock clock) {
        this.launcher = launcher;
        this.runs = runs;
        this.scenarios = scenarios;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * No other run of the test is active, and this run is the scenario's latest.
     *
     * @return one Map item per region of the run
     */
    public PreflightResult preflight(Preflight command) {
        StateMachineInput run = RunGuard.requireRun(command.run());
        if (run.regions().isEmpty()) {
            throw new InvalidWorkflowInputException("the run has no regions");
        }
        StoredScenario scenario = scenarios.find(run.testId()).orElseThrow(() -> new RunFailedException(
                "test " + run.testId() + " was deleted before its run " + run.testRunId() + " started"));
        if (!run.testRunId().equals(scenario.lastRunId())) {
            throw new RunFailedException("another run (" + scenario.lastRunId() + ") of test " + run.testId()
                    + " started after this one; this run does not start");
        }
        RunGuard.requireGoingOn(runs, run);
        List<TestRun> active = runs.listAll(run.testId()).stream()
                .filter(r -> !r.testRunId().equals(run.testRunId()) && r.status().isActive()).toList();
        if (!active.isEmpty()) {
            TestRun other = active.get(0);
            throw new RunFailedException("run " + other.testRunId() + " of test " + run.testId() + " is still "
                    + other.status().wire() + ": cancel it or wait for it to end, then start the test again");
        }
        return new PreflightResult(run.regions().stream().map(region -> new RegionItem(run, region)).toList());
    }

    /**
     * Counts a region's launched workers by status.
     *
     * @throws RunFailedException when a worker stopped before the test started, or past the deadline
     */
    public ProvisioningStatus provisioning(Provisioning command) {
        StateMachineInput run = RunGuard.requireRun(command.run());
        RegionRun region = command.region();
        if (region == null || command.taskIds().isEmpty()) {
            throw new InvalidWorkflowInputException("the provisioning check needs the region and its launched task ids");
        }
        RunGuard.requireGoingOn(runs, run);
        Map<String, String> statuses = statuses(RunGuard.resources(region), run);
        int running = 0;
        List<String> stopped = new ArrayList<>();
        for (String id : command.taskIds()) {
            String status = statuses.get(id);
            if ("RUNNING".equals(status)) {
                running++;
            } else if (status != null && STOPPING.contains(status)) {
                stopped.add(id);
            }
        }
        int expected = command.taskIds().size();
        int pending = expected - running - stopped.size();
        if (!stopped.isEmpty()) {
            throw new RunFailedException(stopped.size() + " of " + expected + " workers in " + region.region()
                    + " stopped before the test started (" + String.join(", ", first(stopped)) + "); "
                    + "their log" + (region.logGroup() == null ? "s say" : "s in " + region.logGroup() + " say") + " why");
        }
        long deadline = command.launchedAt() + settings.provisioningTimeout().toMillis();
        boolean allRunning = running == expected;
        if (!allRunning && clock.millis() >= deadline) {
            throw new RunFailedException("only " + running + " of " + expected + " workers in " + region.region()
                    + " were running " + minutes(settings.provisioningTimeout()) + " after their launch (" + pending
                    + " still starting): the region may lack Fargate capacity or the image may be slow to pull");
        }
        return new ProvisioningStatus(region.region(), expected, running, pending, 0, allRunning, deadline,
                settings.polls().provisioningInterval(settings.provisioningTimeout(), run.regions().size()));
    }

    /**
     * Completion markers against the launched workers. Done when every worker left its marker or stopped;
     * past the deadline (the barrier's start + the test's duration + grace) the workers still running are
     * stopped and the run is done too.
     */
    public CompletionStatus completion(Completion command) {
        StateMachineInput run = RunGuard.requireRun(command.run());
        if (command.launchedTasks().isEmpty() || command.startAt() <= 0) {
            throw new InvalidWorkflowInputException("the completion check needs the launched tasks and the barrier's startAt");
        }
        RunGuard.requireGoingOn(runs, run);
        Map<String, RegionRun> regions = run.regions().stream()
                .collect(Collectors.toMap(RegionRun::region, Function.identity(), (a, b) -> a));
        int expected = 0;
        int completed = 0;
        int stopped = 0;
        Map<String, List<String>> unfinished = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : command.launchedTasks().entrySet()) {
            RegionRun region = regions.get(entry.getKey());
            if (region == null) {
                throw new InvalidWorkflowInputException("tasks were launched in " + entry.getKey()
                        + ", which is not a region of the run");
            }
            Set<String> markers = markers(run, region.region());
            Map<String, String> statuses = statuses(RunGuard.resources(region), run);
            for (String id : entry.getValue()) {
                expected++;
                String status = statuses.get(id);
                if (markers.contains(id)) {
                    completed++;
                } else if (status == null || STOPPING.contains(status)) {
                    stopped++; // stopped without its marker, or gone from ECS's memory: the parser names it missing
                } else {
                    unfinished.computeIfAbsent(region.region(), r -> new ArrayList<>()).add(id);
                }
            }
        }
        long deadline = command.startAt() + Duration.ofSeconds(run.testDuration()).toMillis()
                + settings.completionGrace().toMillis();
        int wait = settings.polls().completionInterval(run.testDuration(), settings.completionGrace());
        if (unfinished.isEmpty()) {
            return new CompletionStatus(true, expected, completed, stopped, false, List.of(), deadline, wait);
        }
        if (clock.millis() < deadline) {
            return new CompletionStatus(false, expected, completed, stopped, false, List.of(), deadline, wait);
        }
        List<String> stragglers = new ArrayList<>();
        unfinished.forEach((regionName, ids) -> {
            RegionResources resources = RunGuard.resources(regions.get(regionName));
            for (String id : ids) {
                launcher.stop(resources, id, "dlt: run " + run.testRunId() + " passed its deadline (test duration + "
                        + settings.completionGrace().toSeconds() + " s) before this worker finished");
                stragglers.add(id);
            }
        });
        return new CompletionStatus(true, expected, completed, stopped, true, stragglers, deadline, wait);
    }

    private Map<String, String> statuses(RegionResources region, StateMachineInput run) {
        return launcher.tasks(region, run.testId(), run.testRunId()).stream()
                .collect(Collectors.toMap(WorkerTask::taskId, t -> t.status() == null ? "" : t.status(), (a, b) -> a));
    }

    private Set<String> markers(StateMachineInput run, String region) {
        String prefix = StorageKeys.completion(run.testId(), run.testRunId(), region, "");
        Set<String> ids = new HashSet<>();
        for (String key : store.list(prefix)) {
            ids.add(key.substring(prefix.length()));
        }
        return ids;
    }

    private static List<String> first(List<String> ids) {
        return ids.size() <= 5 ? ids : ids.subList(0, 5);
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
