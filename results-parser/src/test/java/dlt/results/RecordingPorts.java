package dlt.results;

import dlt.core.port.ObjectStore;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The platform's in-memory ports, wrapped so that every write is noted in one list, in order. */
final class RecordingPorts {
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final ObjectStore store;
    final TestRunRepository runs;
    final ScenarioRepository scenarios;

    RecordingPorts(Workers.Platform platform) {
        ObjectStore s = platform.store;
        TestRunRepository r = platform.runs;
        ScenarioRepository c = platform.scenarios;
        store = new ObjectStore() {
            @Override public void put(String key, byte[] content, String contentType) {
                writes.add("store.put " + key.substring(key.lastIndexOf('/') + 1));
                s.put(key, content, contentType);
            }
            @Override public Optional<byte[]> get(String key) { return s.get(key); }
            @Override public OptionalLong size(String key) { return s.size(key); }
            @Override public List<String> list(String prefix) { return s.list(prefix); }
            @Override public void delete(String key) { writes.add("store.delete " + key); s.delete(key); }
            @Override public void deletePrefix(String prefix) { writes.add("store.deletePrefix " + prefix); s.deletePrefix(prefix); }
            @Override public PresignedUpload presignPut(String key, String contentType, Duration validFor) {
                return s.presignPut(key, contentType, validFor);
            }
            @Override public PresignedDownload presignGet(String key, Duration validFor) {
                return s.presignGet(key, validFor);
            }
        };
        runs = new TestRunRepository() {
            @Override public void create(TestRun run) { writes.add("runs.create"); r.create(run); }
            @Override public Optional<TestRun> find(String testId, String testRunId) { return r.find(testId, testRunId); }
            @Override public RunPage list(String testId, RunQuery query) { return r.list(testId, query); }
            @Override public List<TestRun> listAll(String testId) { return r.listAll(testId); }
            @Override public void saveResults(TestRun run) { writes.add("runs.saveResults"); r.saveResults(run); }
            @Override public boolean updateStatus(String testId, String testRunId, RunStatus status, String reason, Instant at) {
                writes.add("runs.updateStatus " + status.wire());
                return r.updateStatus(testId, testRunId, status, reason, at);
            }
            @Override public void delete(String testId, Collection<String> ids) { writes.add("runs.delete"); r.delete(testId, ids); }
            @Override public void deleteAll(String testId) { writes.add("runs.deleteAll"); r.deleteAll(testId); }
        };
        scenarios = new ScenarioRepository() {
            @Override public Optional<StoredScenario> find(String testId) { return c.find(testId); }
            @Override public List<StoredScenario> list() { return c.list(); }
            @Override public List<ScenarioSummary> summaries() { return c.summaries(); }
            @Override public void setNextRun(String testId, Instant nextRun) { writes.add("scenarios.setNextRun"); c.setNextRun(testId, nextRun); }
            @Override public void put(StoredScenario scenario) { writes.add("scenarios.put"); c.put(scenario); }
            @Override public StoredScenario beginRun(String testId, String testRunId, Instant startTime) {
                writes.add("scenarios.beginRun");
                return c.beginRun(testId, testRunId, startTime);
            }
            @Override public boolean updateRunStatus(String testId, String testRunId, RunStatus status, String reason, Instant at) {
                writes.add("scenarios.updateRunStatus " + status.wire());
                return c.updateRunStatus(testId, testRunId, status, reason, at);
            }
            @Override public void setBaseline(String testId, String baselineId) { writes.add("scenarios.setBaseline"); c.setBaseline(testId, baselineId); }
            @Override public void runsDeleted(String testId, int count) { writes.add("scenarios.runsDeleted"); c.runsDeleted(testId, count); }
            @Override public void delete(String testId) { writes.add("scenarios.delete"); c.delete(testId); }
            @Override public List<RegionResources> regions() { return c.regions(); }
            @Override public Optional<RegionResources> region(String region) { return c.region(region); }
            @Override public void putRegion(RegionResources resources) { writes.add("scenarios.putRegion"); c.putRegion(resources); }
        };
    }
}
