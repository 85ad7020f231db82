package dlt.local.platform;

import dlt.core.port.ScenarioRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local platform's scenarios table with the list of scenarios kept in memory. DynamoDB Local scans
 * through SQLite, which made listing 1,000 scenarios take tens of milliseconds; on one machine every
 * write goes through this one object (the API and all the workflow's handlers share it), so the list
 * can be kept exact: each write re-reads the row it touched, one refresh at a time per scenario, so the
 * last refresh always sees the newest row.
 */
final class SummaryCachingScenarios implements ScenarioRepository {

    private final ScenarioRepository table;
    private final Map<String, ScenarioSummary> summaries = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    SummaryCachingScenarios(ScenarioRepository table) {
        this.table = table;
    }

    @Override
    public List<ScenarioSummary> summaries() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    table.summaries().forEach(summary -> summaries.put(summary.testId(), summary));
                    loaded = true;
                }
            }
        }
        return List.copyOf(summaries.values());
    }

    private void refresh(String testId) {
        if (!loaded) {
            return;
        }
        summaries.compute(testId, (id, old) -> table.find(id).map(ScenarioSummary::of).orElse(null));
    }

    @Override
    public Optional<StoredScenario> find(String testId) {
        return table.find(testId);
    }

    @Override
    public List<StoredScenario> list() {
        return table.list();
    }

    @Override
    public void put(StoredScenario scenario) {
        try {
            table.put(scenario);
        } finally {
            refresh(scenario.testId());
        }
    }

    @Override
    public StoredScenario beginRun(String testId, String testRunId, Instant startTime) {
        try {
            return table.beginRun(testId, testRunId, startTime);
        } finally {
            refresh(testId);
        }
    }

    @Override
    public boolean updateRunStatus(String testId, String testRunId, RunStatus status, String errorReason, Instant at) {
        try {
            return table.updateRunStatus(testId, testRunId, status, errorReason, at);
        } finally {
            refresh(testId);
        }
    }

    @Override
    public void setNextRun(String testId, Instant nextRun) {
        try {
            table.setNextRun(testId, nextRun);
        } finally {
            refresh(testId);
        }
    }

    @Override
    public void setBaseline(String testId, String baselineId) {
        try {
            table.setBaseline(testId, baselineId);
        } finally {
            refresh(testId);
        }
    }

    @Override
    public void runsDeleted(String testId, int count) {
        try {
            table.runsDeleted(testId, count);
        } finally {
            refresh(testId);
        }
    }

    @Override
    public void delete(String testId) {
        try {
            table.delete(testId);
        } finally {
            refresh(testId);
        }
    }

    @Override
    public List<RegionResources> regions() {
        return table.regions();
    }

    @Override
    public Optional<RegionResources> region(String region) {
        return table.region(region);
    }

    @Override
    public void putRegion(RegionResources resources) {
        table.putRegion(resources);
    }
}
