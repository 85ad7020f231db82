package dlt.api;

import dlt.api.usecase.Baseline;
import dlt.api.usecase.CancelScenario;
import dlt.api.usecase.Capacity;
import dlt.api.usecase.CompareRuns;
import dlt.api.usecase.CreateScenario;
import dlt.api.usecase.DeleteScenario;
import dlt.api.usecase.Features;
import dlt.api.usecase.GrantLiveData;
import dlt.api.usecase.IdSource;
import dlt.api.usecase.Ports;
import dlt.api.usecase.RunArtifacts;
import dlt.api.usecase.RunScheduledScenario;
import dlt.api.usecase.StartRun;
import dlt.api.usecase.ScenarioQueries;
import dlt.api.usecase.TestRuns;
import dlt.api.usecase.UploadUrl;
import java.time.Clock;

/** The API's use cases, built once from the ports, a clock and an id source. */
public record ScenarioApi(ApiSettings settings, CreateScenario create, ScenarioQueries queries,
                          CancelScenario cancel, DeleteScenario delete, TestRuns testRuns, Baseline baseline,
                          CompareRuns compare, Capacity capacity, UploadUrl uploadUrl,
                          RunArtifacts artifacts, RunScheduledScenario scheduledRuns,
                          GrantLiveData liveData) {

    public static ScenarioApi create(ApiSettings settings, Ports ports, Clock clock, IdSource ids) {
        return create(settings, ports, clock, ids, Features.CURRENT);
    }

    public static ScenarioApi create(ApiSettings settings, Ports ports, Clock clock, IdSource ids,
            Features features) {
        Baseline baseline = new Baseline(ports);
        StartRun starter = new StartRun(ports, clock, ids);
        return new ScenarioApi(settings,
                new CreateScenario(ports, clock, ids, features, starter),
                new ScenarioQueries(ports, clock),
                new CancelScenario(ports, clock),
                new DeleteScenario(ports),
                new TestRuns(ports),
                baseline,
                new CompareRuns(ports, baseline),
                new Capacity(ports),
                new UploadUrl(ports, settings.uploadUrlValidity()),
                new RunArtifacts(ports, settings.uploadUrlValidity()),
                new RunScheduledScenario(ports, clock, starter),
                new GrantLiveData(ports));
    }
}
