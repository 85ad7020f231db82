package dlt.core.port.memory;

import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.ScenarioRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scenarios table in memory, with the DynamoDB adapter's conditional rules. */
public final class InMemoryScenarioRepository implements ScenarioRepository {

    private final Map<String, StoredScenario> scenarios = new LinkedHashMap<>();
    private final Map<String, RegionResources> regions = new LinkedHashMap<>();

    /** Everything stored, as an immutable copy, so a test can assert that nothing was written. */
    public record Snapshot(Map<String, StoredScenario> scenarios, Map<String, RegionResources> regions) {
        public Snapshot {
            scenarios = Map.copyOf(scenarios);
            regions = Map.copyOf(regions);
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(scenarios, regions);
    }

    @Override
    public synchronized Optional<StoredScenario> find(String testId) {
        return Optional.ofNullable(scenarios.get(testId));
    }

    @Override
    public synchronized List<StoredScenario> list() {
        return List.copyOf(scenarios.values());
    }

    @Override
    public synchronized List<ScenarioSummary> summaries() {
        return scenarios.values().stream().map(ScenarioSummary::of).toList();
    }

    @Override
    public synchronized void put(StoredScenario scenario) {
        ScenarioRows.requireScenarioId(scenario.testId());
        scenarios.put(scenario.testId(), scenario);
    }

    @Override
    public synchronized StoredScenario beginRun(String testId, String testRunId, Instant startTime) {
        StoredScenario current = scenarios.get(testId);
        if (current == null) {
            throw new NotFoundException("test " + testId + " does not exist");
        }
        if (current.status() != null && current.status().isActive()) {
            throw new ConflictException("test " + testId + " is already running (" + current.status().wire() + ")");
        }
        StoredScenario begun = new StoredScenario(current.scenario(), RunStatus.QUEUED, testRunId, startTime, null,
                current.nextRun(), current.baselineId(), current.totalTestRuns() + 1, null, null, current.createdAt(),
                startTime);
        scenarios.put(testId, begun);
        return begun;
    }

    @Override
    public synchronized boolean updateRunStatus(String testId, String testRunId, RunStatus status, String errorReason,
                                                Instant at) {
        StoredScenario current = scenarios.get(testId);
        if (current == null || !testRunId.equals(current.lastRunId())
                || (current.status() != null && current.status().isTerminal())) {
            return false;
        }
        scenarios.put(testId, new StoredScenario(current.scenario(), status, current.lastRunId(), current.startTime(),
                status.isTerminal() ? at : current.endTime(), current.nextRun(), current.baselineId(),
                current.totalTestRuns(), errorReason != null ? errorReason : current.errorReason(), current.results(),
                current.createdAt(), at));
        return true;
    }

    @Override
    public synchronized void setNextRun(String testId, Instant nextRun) {
        StoredScenario current = scenarios.get(testId);
        if (current != null) {
            scenarios.put(testId, current.withNextRun(nextRun));
        }
    }

    @Override
    public synchronized void setBaseline(String testId, String baselineId) {
        StoredScenario current = scenarios.get(testId);
        if (current == null) {
            throw new NotFoundException("test " + testId + " does not exist");
        }
        scenarios.put(testId, current.withBaseline(baselineId, current.updatedAt()));
    }

    @Override
    public synchronized void runsDeleted(String testId, int count) {
        StoredScenario c = scenarios.get(testId);
        if (c == null) {
            return;
        }
        scenarios.put(testId, new StoredScenario(c.scenario(), c.status(), c.lastRunId(), c.startTime(), c.endTime(),
                c.nextRun(), c.baselineId(), Math.max(0, c.totalTestRuns() - count), c.errorReason(), c.results(),
                c.createdAt(), c.updatedAt()));
    }

    @Override
    public synchronized void delete(String testId) {
        scenarios.remove(testId);
    }

    @Override
    public synchronized List<RegionResources> regions() {
        return regions.values().stream().filter(RegionResources::isDeployed).toList();
    }

    @Override
    public synchronized Optional<RegionResources> region(String region) {
        return Optional.ofNullable(regions.get(region));
    }

    @Override
    public synchronized void putRegion(RegionResources resources) {
        regions.put(resources.region(), resources);
    }
}
