package dlt.api.usecase;

import dlt.core.port.StorageKeys;
import dlt.core.port.TestRunRepository.RunPage;
import dlt.core.port.TestRunRepository.RunQuery;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The runs of a test: {@code GET|DELETE /scenarios/{testId}/testruns}, {@code GET .../testruns/{testRunId}}. */
public final class TestRuns {

    private final Ports ports;

    public TestRuns(Ports ports) {
        this.ports = ports;
    }

    /** A page of runs, newest first, and how many runs the test has in all. */
    public record Page(List<TestRun> runs, int limit, String nextToken, int totalCount) {
    }

    /**
     * @param latest only the newest run (in the window), as DLT's {@code latest=true}
     */
    public Page list(String testId, RunQuery query, boolean latest) {
        StoredScenario scenario = ports.scenarios().find(testId).orElseThrow(() -> ApiException.testNotFound(testId));
        RunQuery effective = latest ? new RunQuery(1, query.from(), query.to(), null) : query;
        RunPage page;
        try {
            page = ports.runs().list(testId, effective);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "next_token",
                    "is not a token this API gave out; start again without it");
        }
        return new Page(page.runs(), query.limit(), latest ? null : page.nextToken(), scenario.totalTestRuns());
    }

    public TestRun get(String testId, String testRunId) {
        Optional<TestRun> run = ports.runs().find(testId, testRunId);
        if (run.isPresent()) {
            return run.get();
        }
        if (ports.scenarios().find(testId).isEmpty()) {
            throw ApiException.testNotFound(testId);
        }
        throw ApiException.runNotFound("testRunId", testId, testRunId);
    }

    /**
     * Deletes the named runs that exist, with their run configs and results. Refused as a whole when one
     * is the baseline or still active.
     *
     * @return how many runs were deleted
     */
    public int delete(String testId, List<String> testRunIds) {
        StoredScenario scenario = ports.scenarios().find(testId).orElseThrow(() -> ApiException.testNotFound(testId));
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(testRunIds));
        if (scenario.baselineId() != null && unique.contains(scenario.baselineId())) {
            throw new ApiException(ErrorCode.BASELINE_CONFLICT, "[" + testRunIds.indexOf(scenario.baselineId()) + "]",
                    "run " + scenario.baselineId() + " is the baseline of test " + testId
                            + "; remove or change the baseline first");
        }
        List<TestRun> found = new ArrayList<>();
        for (String id : unique) {
            ports.runs().find(testId, id).ifPresent(found::add);
        }
        for (TestRun run : found) {
            if (run.status().isActive()) {
                throw new ApiException(ErrorCode.TEST_RUNNING, "[" + testRunIds.indexOf(run.testRunId()) + "]",
                        "run " + run.testRunId() + " is in progress (status " + run.status().wire()
                                + "); cancel it first");
            }
        }
        if (found.isEmpty()) {
            return 0;
        }
        List<String> ids = found.stream().map(TestRun::testRunId).toList();
        for (String id : ids) {
            ports.objects().deletePrefix(StorageKeys.runConfigs(testId) + id + "/");
            ports.objects().deletePrefix(StorageKeys.run(testId, id));
        }
        ports.runs().delete(testId, ids);
        ports.scenarios().runsDeleted(testId, ids.size());
        return ids.size();
    }
}
