package dlt.local.platform;

import static dlt.core.port.contract.ContractFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.port.ScenarioRepository;
import dlt.core.port.contract.ScenarioRepositoryContract;
import dlt.core.port.memory.InMemoryScenarioRepository;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cached list behaves as the table it fronts, and follows every kind of write. */
class SummaryCachingScenariosContractTest extends ScenarioRepositoryContract {

    @Override
    protected ScenarioRepository createRepository() {
        return new SummaryCachingScenarios(new InMemoryScenarioRepository());
    }

    @Test
    void theCachedListFollowsEveryWrite() {
        InMemoryScenarioRepository table = new InMemoryScenarioRepository();
        SummaryCachingScenarios cached = new SummaryCachingScenarios(table);
        cached.put(stored("t1"));
        assertThat(cached.summaries()).hasSize(1);
        cached.put(stored("t2"));
        cached.beginRun("t1", "r1", Instant.parse("2026-11-23T10:00:00Z"));
        cached.updateRunStatus("t1", "r1", RunStatus.RUNNING, null, Instant.parse("2026-11-23T10:00:05Z"));
        cached.setBaseline("t2", "r0");
        cached.setNextRun("t2", Instant.parse("2026-11-24T10:00:00Z"));
        cached.delete("gone");
        assertThat(cached.summaries()).containsExactlyInAnyOrderElementsOf(table.summaries());
        cached.delete("t1");
        assertThat(cached.summaries()).extracting(ScenarioSummary::testId).containsExactly("t2");
    }
}
