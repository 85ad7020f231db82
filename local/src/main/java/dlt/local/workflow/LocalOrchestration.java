package dlt.local.workflow;

import dlt.core.port.ObjectStore;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.TaskLauncher;
import dlt.core.port.TestRunRepository;
import dlt.ecrchecker.CheckWorkerImage;
import dlt.ecrchecker.EcrCheckerHandler;
import dlt.local.asl.ExecutionOptions;
import dlt.results.ParseRunResults;
import dlt.results.ResultsParserHandler;
import dlt.taskcanceler.StopRun;
import dlt.taskcanceler.TaskCancelerHandler;
import dlt.taskrunner.RunWorkers;
import dlt.taskrunner.RunnerSettings;
import dlt.taskrunner.TaskRunnerHandler;
import dlt.taskstatuschecker.CheckRun;
import dlt.taskstatuschecker.CheckerSettings;
import dlt.taskstatuschecker.TaskStatusCheckerHandler;
import java.time.Clock;

/**
 * The orchestration half of the local platform: the five state machine functions wired to local
 * stand-ins (the ports given), the interpreter running the real definition, and the canceller the
 * API invokes. The same handler classes run on AWS with AWS adapters.
 */
public final class LocalOrchestration {

    /** How the local functions behave; the defaults suit a person, tests shorten the waits. */
    public record Settings(RunnerSettings runner, CheckerSettings checker, StopRun.Patience cancelPatience,
                           String workerClasspath, double waitScale) {
    }

    private final LocalFunctions functions;
    private final LocalWorkflowStarter workflows;
    private final LocalRunCanceller canceller;

    public LocalOrchestration(ScenarioRepository scenarios, TestRunRepository runs, ObjectStore store,
                              TaskLauncher launcher, Settings settings, Clock clock) {
        this.functions = new LocalFunctions(
                new EcrCheckerHandler(new CheckWorkerImage(new LocalWorkerImageCheck(settings.workerClasspath()))),
                new TaskRunnerHandler(new RunWorkers(launcher, runs, scenarios, store, settings.runner(), clock)),
                new TaskStatusCheckerHandler(new CheckRun(launcher, runs, scenarios, store, settings.checker(), clock)),
                new TaskCancelerHandler(new StopRun(launcher, scenarios, runs, settings.cancelPatience(), StopRun.Sleeper.THREAD)),
                new ResultsParserHandler(new ParseRunResults(store, runs, scenarios, clock)));
        this.workflows = new LocalWorkflowStarter(LocalWorkflowStarter.definition(), functions.registry(),
                ExecutionOptions.defaults().withClock(clock).withWaitScale(settings.waitScale()));
        this.canceller = new LocalRunCanceller(functions);
    }

    public LocalWorkflowStarter workflows() {
        return workflows;
    }

    public LocalRunCanceller canceller() {
        return canceller;
    }

    public LocalFunctions functions() {
        return functions;
    }
}
