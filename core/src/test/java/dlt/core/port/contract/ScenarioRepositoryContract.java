package dlt.core.port.contract;

import static dlt.core.port.contract.ContractFixtures.T0;
import static dlt.core.port.contract.ContractFixtures.region;
import static dlt.core.port.contract.ContractFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.ScenarioRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ScenarioRepository} does; run against the fake and against each adapter. */
public abstract class ScenarioRepositoryContract {

    protected ScenarioRepository repository;

    /** A new, empty repository. */
    protected abstract ScenarioRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    @Test
    void put_newScenario_isFoundEqual() {
        StoredScenario scenario = stored("t1");
        repository.put(scenario);
        assertThat(repository.find("t1")).contains(scenario);
    }

    @Test
    void setNextRun_changesOnlyTheNextRun_andClears() {
        StoredScenario scenario = stored("t1");
        repository.put(scenario);
        repository.setNextRun("t1", T0.plusSeconds(3600));
        assertThat(repository.find("t1")).contains(scenario.withNextRun(T0.plusSeconds(3600)));
        repository.setNextRun("t1", null);
        assertThat(repository.find("t1")).contains(scenario.withNextRun(null));
        repository.setNextRun("gone", T0);
        assertThat(repository.find("gone")).isEmpty();
    }

    @Test
    void summaries_areTheListFieldsOfEveryScenario_regionRowsExcluded() {
        StoredScenario first = stored("t1");
        StoredScenario second = stored("t2").withBaseline("run-1", T0).withNextRun(T0.plusSeconds(60));
        repository.put(first);
        repository.put(second);
        repository.putRegion(region("us-east-1"));
        assertThat(repository.summaries()).containsExactlyInAnyOrder(ScenarioSummary.of(first), ScenarioSummary.of(second));
    }

    @Test
    void find_unknownTest_isEmpty() {
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void put_existingScenario_replacesIt() {
        repository.put(stored("t1"));
        StoredScenario updated = stored("t1").withBaseline("run-9", T0.plusSeconds(5));
        repository.put(updated);
        assertThat(repository.find("t1")).contains(updated);
    }

    @Test
    void put_idOfRegionRow_isRefused() {
        assertThatThrownBy(() -> repository.put(stored("region-us-east-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void list_scenariosAndRegionRows_returnsScenariosOnly() {
        repository.put(stored("t1"));
        repository.put(stored("t2"));
        repository.putRegion(region("us-east-1"));
        assertThat(repository.list()).extracting(StoredScenario::testId).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void beginRun_idleScenario_queuesTheRunAndCountsIt() {
        repository.put(stored("t1"));
        Instant start = T0.plusSeconds(60);
        StoredScenario begun = repository.beginRun("t1", "r1", start);
        assertThat(begun.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(begun.lastRunId()).isEqualTo("r1");
        assertThat(begun.startTime()).isEqualTo(start);
        assertThat(begun.endTime()).isNull();
        assertThat(begun.totalTestRuns()).isEqualTo(1);
        assertThat(repository.find("t1")).contains(begun);
    }

    @Test
    void beginRun_unknownTest_throwsNotFound() {
        assertThatThrownBy(() -> repository.beginRun("nope", "r1", T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void beginRun_twice_secondThrowsConflict() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r1", T0);
        assertThatThrownBy(() -> repository.beginRun("t1", "r2", T0.plusSeconds(1)))
                .isInstanceOf(ConflictException.class);
        assertThat(repository.find("t1").orElseThrow().lastRunId()).isEqualTo("r1");
    }

    @Test
    void beginRun_racingStarts_exactlyOneWins() throws Exception {
        repository.put(stored("t1"));
        List<Boolean> outcomes = race(
                () -> begins("t1", "r1"),
                () -> begins("t1", "r2"));
        assertThat(outcomes).containsExactlyInAnyOrder(true, false);
        assertThat(repository.find("t1").orElseThrow().totalTestRuns()).isEqualTo(1);
    }

    @Test
    void beginRun_afterTerminalStatus_startsAgainAndCountsTwo() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r1", T0);
        repository.updateRunStatus("t1", "r1", RunStatus.FAILED, "tasks never started", T0.plusSeconds(30));
        StoredScenario again = repository.beginRun("t1", "r2", T0.plusSeconds(60));
        assertThat(again.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(again.lastRunId()).isEqualTo("r2");
        assertThat(again.totalTestRuns()).isEqualTo(2);
        assertThat(again.endTime()).isNull();
        assertThat(again.errorReason()).isNull();
    }

    @Test
    void updateRunStatus_latestRun_isWritten() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r1", T0);
        assertThat(repository.updateRunStatus("t1", "r1", RunStatus.RUNNING, null, T0.plusSeconds(5))).isTrue();
        assertThat(repository.find("t1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(repository.find("t1").orElseThrow().endTime()).isNull();
    }

    @Test
    void updateRunStatus_terminal_setsEndTimeAndReason() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r1", T0);
        Instant end = T0.plusSeconds(90);
        assertThat(repository.updateRunStatus("t1", "r1", RunStatus.FAILED, "no capacity", end)).isTrue();
        StoredScenario found = repository.find("t1").orElseThrow();
        assertThat(found.status()).isEqualTo(RunStatus.FAILED);
        assertThat(found.endTime()).isEqualTo(end);
        assertThat(found.errorReason()).isEqualTo("no capacity");
    }

    @Test
    void updateRunStatus_anotherRunId_isIgnored() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r2", T0);
        assertThat(repository.updateRunStatus("t1", "r1", RunStatus.COMPLETE, null, T0)).isFalse();
        assertThat(repository.find("t1").orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    }

    @Test
    void updateRunStatus_afterTerminal_isIgnored() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r1", T0);
        repository.updateRunStatus("t1", "r1", RunStatus.CANCELLED, null, T0.plusSeconds(9));
        assertThat(repository.updateRunStatus("t1", "r1", RunStatus.RUNNING, null, T0.plusSeconds(10))).isFalse();
        assertThat(repository.updateRunStatus("t1", "r1", RunStatus.COMPLETE, null, T0.plusSeconds(10))).isFalse();
        StoredScenario found = repository.find("t1").orElseThrow();
        assertThat(found.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(found.endTime()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void updateRunStatus_unknownTest_isIgnored() {
        assertThat(repository.updateRunStatus("nope", "r1", RunStatus.RUNNING, null, T0)).isFalse();
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void updateRunStatus_completeRacingFailed_exactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String testId = "race" + round;
            repository.put(stored(testId));
            repository.beginRun(testId, "r1", T0);
            List<Boolean> outcomes = race(
                    () -> repository.updateRunStatus(testId, "r1", RunStatus.COMPLETE, null, T0.plusSeconds(1)),
                    () -> repository.updateRunStatus(testId, "r1", RunStatus.FAILED, "lost", T0.plusSeconds(2)));
            assertThat(outcomes).containsExactlyInAnyOrder(true, false);
            RunStatus winner = outcomes.get(0) ? RunStatus.COMPLETE : RunStatus.FAILED;
            assertThat(repository.find(testId).orElseThrow().status()).isEqualTo(winner);
        }
    }

    @Test
    void setBaseline_setThenCleared_isStored() {
        repository.put(stored("t1"));
        repository.setBaseline("t1", "r1");
        assertThat(repository.find("t1").orElseThrow().baselineId()).isEqualTo("r1");
        repository.setBaseline("t1", null);
        assertThat(repository.find("t1").orElseThrow().baselineId()).isNull();
    }

    @Test
    void setBaseline_unknownTest_throwsNotFound() {
        assertThatThrownBy(() -> repository.setBaseline("nope", "r1")).isInstanceOf(NotFoundException.class);
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void runsDeleted_moreThanCounted_stopsAtZero() {
        repository.put(stored("t1"));
        repository.beginRun("t1", "r1", T0);
        repository.updateRunStatus("t1", "r1", RunStatus.COMPLETE, null, T0.plusSeconds(1));
        repository.beginRun("t1", "r2", T0.plusSeconds(2));
        repository.runsDeleted("t1", 1);
        assertThat(repository.find("t1").orElseThrow().totalTestRuns()).isEqualTo(1);
        repository.runsDeleted("t1", 5);
        assertThat(repository.find("t1").orElseThrow().totalTestRuns()).isZero();
    }

    @Test
    void delete_existingScenario_isGoneAndOthersStay() {
        repository.put(stored("t1"));
        repository.put(stored("t2"));
        repository.delete("t1");
        repository.delete("never-there");
        assertThat(repository.find("t1")).isEmpty();
        assertThat(repository.find("t2")).isPresent();
    }

    @Test
    void putRegion_thenRegion_returnsItAndListsDeployedOnly() {
        repository.putRegion(region("us-east-1"));
        RegionResources removed = new RegionResources("eu-west-1", "", "", "", List.of(), "", "");
        repository.putRegion(removed);
        assertThat(repository.region("us-east-1")).contains(region("us-east-1"));
        assertThat(repository.region("eu-west-1")).hasValueSatisfying(r -> assertThat(r.isDeployed()).isFalse());
        assertThat(repository.region("ap-south-1")).isEmpty();
        assertThat(repository.regions()).containsExactly(region("us-east-1"));
        assertThat(repository.find(RegionResources.rowId("us-east-1"))).isEmpty();
    }

    private boolean begins(String testId, String runId) {
        try {
            repository.beginRun(testId, runId, T0);
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    /** Runs both at once (released together) and returns their results in order. */
    static List<Boolean> race(Callable<Boolean> first, Callable<Boolean> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Boolean> a = pool.submit(() -> {
                go.await();
                return first.call();
            });
            Future<Boolean> b = pool.submit(() -> {
                go.await();
                return second.call();
            });
            go.countDown();
            return List.of(a.get(), b.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
