package dlt.api.usecase;

import dlt.core.port.LiveDataAccess;
import dlt.core.port.ObjectStore;
import dlt.core.port.RunCanceller;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.ScheduleStore;
import dlt.core.port.TaskLauncher;
import dlt.core.port.TestRunRepository;
import dlt.core.port.WorkflowStarter;
import java.util.Objects;

/** Everything outside the API that its use cases talk to. */
public record Ports(ScenarioRepository scenarios, TestRunRepository runs, ObjectStore objects, TaskLauncher tasks,
                   RunCanceller canceller, WorkflowStarter workflows, ScheduleStore schedules,
                   LiveDataAccess liveAccess) {
    public Ports {
        Objects.requireNonNull(scenarios, "scenarios");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(canceller, "canceller");
        Objects.requireNonNull(workflows, "workflows");
        Objects.requireNonNull(schedules, "schedules");
        Objects.requireNonNull(liveAccess, "liveAccess");
    }
}
