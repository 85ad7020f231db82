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
import java.util.function.Supplier;

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
        writing(scenario.testId(), () -> table.put(scenario));
    }

    @Override
    public StoredScenario beginRun(String testId, String testRunId, Instant startTime) {
        return writing(testId, () -> table.beginRun(testId, testRunId, startTime));
    }

    @Override
    public boolean updateRunStatus(String testId, String testRunId, RunStatus status, String errorReason, Instant at) {
        return writing(testId, () -> table.updateRunStatus(testId, testRunId, status, errorReason, at));
    }

    @Override
    public void setNextRun(String testId, Instant nextRun) {
        writing(testId, () -> table.setNextRun(testId, nextRun));
    }

    @Override
    public void setBaseline(String testId, String baselineId) {
        writing(testId, () -> table.setBaseline(testId, baselineId));
    }

    @Override
    public void runsDeleted(String testId, int count) {
        writing(testId, () -> table.runsDeleted(testId, count));
    }

    @Override
    public void delete(String testId) {
        writing(testId, () -> table.delete(testId));
    }

    /** A write to the table, then the list refreshed from the row, whether or not the write succeeded. */
    private <T> T writing(String testId, Supplier<T> write) {
        try {
            return write.get();
        } finally {
            refresh(testId);
        }
    }

    private void writing(String testId, Runnable write) {
        writing(testId, () -> {
            write.run();
            return null;
        });
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
