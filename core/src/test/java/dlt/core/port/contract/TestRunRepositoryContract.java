package dlt.core.port.contract;

import static dlt.core.port.contract.ContractFixtures.T0;
import static dlt.core.port.contract.ContractFixtures.run;
import static dlt.core.port.contract.ScenarioRepositoryContract.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.TestRunRepository;
import dlt.core.port.TestRunRepository.RunPage;
import dlt.core.port.TestRunRepository.RunQuery;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TestRunRepository} does; run against the fake and against each adapter. */
public abstract class TestRunRepositoryContract {

    protected TestRunRepository repository;

    /** A new, empty repository. */
    protected abstract TestRunRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    @Test
    void create_newRun_isFoundEqual() {
        TestRun run = run("t1", "r1", T0);
        repository.create(run);
        assertThat(repository.find("t1", "r1")).contains(run);
    }

    @Test
    void create_withResults_roundTripsEveryField() {
        TestRun run = new TestRun("t1", "r1", RunStatus.COMPLETE, T0, T0.plusSeconds(150), ContractFixtures.scenario("t1"),
                "2 tasks missing", "{\"total\":{\"avg_rt\":0.1}}", "{\"version\":1}", 99.5, true, List.of("task-a", "task-b"));
        repository.create(run);
        assertThat(repository.find("t1", "r1")).contains(run);
    }

    @Test
    void create_existingRunId_throwsConflict() {
        repository.create(run("t1", "r1", T0));
        assertThatThrownBy(() -> repository.create(run("t1", "r1", T0.plusSeconds(1))))
                .isInstanceOf(ConflictException.class);
        assertThat(repository.find("t1", "r1").orElseThrow().startTime()).isEqualTo(T0);
    }

    @Test
    void find_unknownRun_isEmpty() {
        repository.create(run("t1", "r1", T0));
        assertThat(repository.find("t1", "r2")).isEmpty();
        assertThat(repository.find("t2", "r1")).isEmpty();
    }

    @Test
    void updateStatus_activeRun_isWritten() {
        repository.create(run("t1", "r1", T0));
        assertThat(repository.updateStatus("t1", "r1", RunStatus.RUNNING, null, T0.plusSeconds(3))).isTrue();
        TestRun found = repository.find("t1", "r1").orElseThrow();
        assertThat(found.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(found.endTime()).isNull();
    }

    @Test
    void updateStatus_terminal_setsEndTimeAndReason() {
        repository.create(run("t1", "r1", T0));
        assertThat(repository.updateStatus("t1", "r1", RunStatus.FAILED, "image missing", T0.plusSeconds(7))).isTrue();
        TestRun found = repository.find("t1", "r1").orElseThrow();
        assertThat(found.status()).isEqualTo(RunStatus.FAILED);
        assertThat(found.endTime()).isEqualTo(T0.plusSeconds(7));
        assertThat(found.errorReason()).isEqualTo("image missing");
    }

    @Test
    void updateStatus_afterTerminal_returnsFalseAndKeepsIt() {
        repository.create(run("t1", "r1", T0));
        repository.updateStatus("t1", "r1", RunStatus.COMPLETE, null, T0.plusSeconds(7));
        assertThat(repository.updateStatus("t1", "r1", RunStatus.FAILED, "late", T0.plusSeconds(8))).isFalse();
        TestRun found = repository.find("t1", "r1").orElseThrow();
        assertThat(found.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(found.errorReason()).isNull();
        assertThat(found.endTime()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void updateStatus_unknownRun_throwsNotFound() {
        assertThatThrownBy(() -> repository.updateStatus("t1", "nope", RunStatus.RUNNING, null, T0))
                .isInstanceOf(NotFoundException.class);
        assertThat(repository.find("t1", "nope")).isEmpty();
    }

    @Test
    void updateStatus_completeRacingFailed_exactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String runId = "r" + round;
            repository.create(run("t1", runId, T0));
            List<Boolean> outcomes = race(
                    () -> repository.updateStatus("t1", runId, RunStatus.COMPLETE, null, T0.plusSeconds(1)),
                    () -> repository.updateStatus("t1", runId, RunStatus.FAILED, "lost", T0.plusSeconds(2)));
            assertThat(outcomes).containsExactlyInAnyOrder(true, false);
            RunStatus winner = outcomes.get(0) ? RunStatus.COMPLETE : RunStatus.FAILED;
            assertThat(repository.find("t1", runId).orElseThrow().status()).isEqualTo(winner);
        }
    }

    @Test
    void saveResults_parsedRun_replacesResultsAndKeepsStatus() {
        repository.create(run("t1", "r1", T0));
        repository.updateStatus("t1", "r1", RunStatus.PARSING_RESULTS, null, T0.plusSeconds(5));
        TestRun parsed = new TestRun("t1", "r1", RunStatus.COMPLETE, T0, T0.plusSeconds(6), null, null,
                "{\"total\":{}}", "{\"version\":1}", 100.0, true, List.of("task-9"));
        repository.saveResults(parsed);
        TestRun found = repository.find("t1", "r1").orElseThrow();
        assertThat(found.status()).isEqualTo(RunStatus.PARSING_RESULTS);
        assertThat(found.results()).isEqualTo("{\"total\":{}}");
        assertThat(found.summary()).isEqualTo("{\"version\":1}");
        assertThat(found.succPercent()).isEqualTo(100.0);
        assertThat(found.partial()).isTrue();
        assertThat(found.missingTasks()).containsExactly("task-9");
        assertThat(found.scenario()).isEqualTo(ContractFixtures.scenario("t1"));
    }

    @Test
    void saveResults_unknownRun_throwsNotFound() {
        assertThatThrownBy(() -> repository.saveResults(run("t1", "nope", T0))).isInstanceOf(NotFoundException.class);
        assertThat(repository.find("t1", "nope")).isEmpty();
    }

    @Test
    void list_pages_newestFirstUntilNoToken() {
        createRuns("t1", 7);
        repository.create(run("t2", "other", T0.plusSeconds(1000)));
        List<String> seen = new ArrayList<>();
        RunPage page = repository.list("t1", RunQuery.first(3));
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.runs().size());
            page.runs().forEach(r -> seen.add(r.testRunId()));
            if (page.nextToken() == null) {
                break;
            }
            page = repository.list("t1", new RunQuery(3, null, null, page.nextToken()));
        }
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
    }

    @Test
    void list_exactMultipleOfLimit_lastPageHasNoToken() {
        createRuns("t1", 4);
        RunPage first = repository.list("t1", RunQuery.first(2));
        RunPage second = repository.list("t1", new RunQuery(2, null, null, first.nextToken()));
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.runs()).extracting(TestRun::testRunId).containsExactly("run-1", "run-0");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void list_timeWindow_returnsRunsStartedInsideItInclusive() {
        createRuns("t1", 6);
        Instant from = T0.plusSeconds(60);
        Instant to = T0.plusSeconds(180);
        RunPage page = repository.list("t1", new RunQuery(100, from, to, null));
        assertThat(page.runs()).extracting(TestRun::testRunId).containsExactly("run-3", "run-2", "run-1");
        assertThat(repository.list("t1", new RunQuery(100, from, null, null)).runs()).hasSize(5);
        assertThat(repository.list("t1", new RunQuery(100, null, to, null)).runs()).hasSize(4);
    }

    @Test
    void list_windowWithPaging_staysInsideTheWindow() {
        createRuns("t1", 6);
        RunQuery window = new RunQuery(2, T0.plusSeconds(60), T0.plusSeconds(240), null);
        RunPage first = repository.list("t1", window);
        RunPage second = repository.list("t1", new RunQuery(2, window.from(), window.to(), first.nextToken()));
        assertThat(first.runs()).extracting(TestRun::testRunId).containsExactly("run-4", "run-3");
        assertThat(second.runs()).extracting(TestRun::testRunId).containsExactly("run-2", "run-1");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void list_unknownTest_isEmptyWithoutToken() {
        RunPage page = repository.list("nope", RunQuery.first(10));
        assertThat(page.runs()).isEmpty();
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void list_garbageToken_throwsIllegalArgument() {
        createRuns("t1", 3);
        for (String garbage : List.of("%%%not-base64", "", Base64.getEncoder().encodeToString(
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8)), "e30=")) {
            assertThatThrownBy(() -> repository.list("t1", new RunQuery(1, null, null, garbage)))
                    .as("token %s", garbage)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void list_tokenOfAnotherTest_throwsIllegalArgument() {
        createRuns("t1", 3);
        createRuns("t2", 3);
        String token = repository.list("t1", RunQuery.first(1)).nextToken();
        assertThatThrownBy(() -> repository.list("t2", new RunQuery(1, null, null, token)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listAll_manyRuns_newestFirst() {
        createRuns("t1", 5);
        assertThat(repository.listAll("t1")).extracting(TestRun::testRunId)
                .containsExactly("run-4", "run-3", "run-2", "run-1", "run-0");
        assertThat(repository.listAll("nope")).isEmpty();
    }

    @Test
    void delete_someRuns_removesOnlyThose() {
        createRuns("t1", 4);
        repository.delete("t1", List.of("run-1", "run-3", "never-there"));
        assertThat(repository.listAll("t1")).extracting(TestRun::testRunId).containsExactly("run-2", "run-0");
    }

    @Test
    void deleteAll_oneTest_leavesOtherTests() {
        createRuns("t1", 30);
        createRuns("t2", 2);
        repository.deleteAll("t1");
        assertThat(repository.listAll("t1")).isEmpty();
        assertThat(repository.listAll("t2")).hasSize(2);
    }

    /** Runs run-0 .. run-(n-1) of a test, a minute apart, run-0 first. */
    private void createRuns(String testId, int count) {
        for (int i = 0; i < count; i++) {
            repository.create(run(testId, "run-" + i, T0.plusSeconds(60L * i)));
        }
    }
}
