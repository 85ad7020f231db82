package dlt.core.port;

import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The test-runs table: PK testId, SK testRunId, GSI testId + startTime for newest-first listings. */
public interface TestRunRepository {

    /** @throws ConflictException when a run with this id exists */
    void create(TestRun run);

    Optional<TestRun> find(String testId, String testRunId);

    /** Runs of a test, newest first, one page at a time. */
    RunPage list(String testId, RunQuery query);

    /** Every run of a test, newest first. */
    List<TestRun> listAll(String testId);

    /** Replaces a run's results fields (results parser); the status is set with {@link #updateStatus}. */
    void saveResults(TestRun run);

    /**
     * Moves a run to {@code status}. A terminal status is never overwritten: returns false then.
     *
     * @throws NotFoundException when the run does not exist
     */
    boolean updateStatus(String testId, String testRunId, RunStatus status, String errorReason, Instant at);

    void delete(String testId, Collection<String> testRunIds);

    void deleteAll(String testId);

    /** Which runs to list: {@code limit} 1..100, optional start-time window, and the token of the previous page. */
    record RunQuery(int limit, Instant from, Instant to, String nextToken) {
        public static RunQuery first(int limit) {
            return new RunQuery(limit, null, null, null);
        }
    }

    /** A page of runs; {@code nextToken} is null on the last page. */
    record RunPage(List<TestRun> runs, String nextToken) {
        public RunPage {
            runs = List.copyOf(runs);
        }
    }
}
