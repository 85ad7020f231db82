package dlt.results;

import dlt.core.port.NotFoundException;
import dlt.core.port.ObjectStore;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.StorageKeys;
import dlt.core.port.TestRunRepository;
import dlt.core.result.MergedResult;
import dlt.core.result.RunSummary;
import dlt.core.run.RunStatus;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.Scenario;
import dlt.core.threshold.InvalidThresholdsException;
import dlt.core.threshold.ThresholdResult;
import dlt.core.threshold.ThresholdVerdict;
import dlt.core.threshold.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a run's worker result files into its results: merged exactly per label, per region and in
 * total; thresholds evaluated (a verdict, not a status); results.json, report.html and junit.xml
 * written beside the run; a bounded summary put in the test-run item and the scenario row; and the
 * terminal status written last, so whoever sees it finds the results already there. A run whose
 * status is already terminal is parsed again to the same documents, and its status is left alone.
 */
public final class ParseRunResults {
    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";
    static final String XML = "application/xml";
    static final String NO_RESULTS = "no worker sent a usable result file; the test might have failed to run";

    private final ObjectStore store;
    private final TestRunRepository runs;
    private final ScenarioRepository scenarios;
    private final Clock clock;
    private final ReportPage reportPage;

    public ParseRunResults(ObjectStore store, TestRunRepository runs, ScenarioRepository scenarios, Clock clock) {
        this.store = store;
        this.runs = runs;
        this.scenarios = scenarios;
        this.clock = clock;
        this.reportPage = ReportPage.withBundledCharts();
    }

    /** @throws NotFoundException when the run is not in the test-runs table */
    public ParseResultsOutput parse(ParseResultsInput input) {
        String testId = input.run().testId();
        String testRunId = input.run().testRunId();
        TestRun run = runs.find(testId, testRunId)
                .orElseThrow(() -> new NotFoundException("run " + testRunId + " of test " + testId + " does not exist"));
        if (!run.status().isTerminal()) {
            runs.updateStatus(testId, testRunId, RunStatus.PARSING_RESULTS, null, clock.instant());
            scenarios.updateRunStatus(testId, testRunId, RunStatus.PARSING_RESULTS, null, clock.instant());
        }
        Scenario scenario = run.scenario() != null ? run.scenario()
                : scenarios.find(testId).map(StoredScenario::scenario).orElse(null);

        RunFiles.Collected collected = RunFiles.collect(store, testId, testRunId, Completeness.regions(input));
        Completeness completeness = Completeness.of(input, collected);
        if (collected.regions().isEmpty()) {
            return finishWithoutResults(input, run, scenario, completeness);
        }

        MergedResult total = RunFiles.total(collected.regions());
        RunSummary summary = RunSummary.of(total);
        summary = summary.withThresholds(verdict(scenario, summary));
        RunStatus status = switch (input.outcome()) {
            case COMPLETE -> RunStatus.COMPLETE;
            case CANCELLED -> RunStatus.CANCELLED;
            case FAILED -> RunStatus.FAILED;
        };
        String reason = reason(input, completeness);
        RunReport report = new RunReport(testId, testRunId, status, reason, scenario, completeness, total,
                collected.regions(), summary);

        store.put(StorageKeys.runResults(testId, testRunId), ResultsDocument.write(report), JSON);
        store.put(StorageKeys.report(testId, testRunId),
                reportPage.render(report).getBytes(StandardCharsets.UTF_8), HTML);
        store.put(StorageKeys.junit(testId, testRunId), JUnitReport.write(report), XML);

        ItemSummary item = ItemSummary.of(report);
        runs.saveResults(withResults(run, item.results(), item.summary(), item.succPercent(), completeness));
        saveScenarioResults(testId, testRunId, item.results());
        return finish(testId, testRunId, status, reason, completeness.partial());
    }

    private ParseResultsOutput finishWithoutResults(ParseResultsInput input, TestRun run, Scenario scenario,
                                                    Completeness completeness) {
        String testId = run.testId();
        String testRunId = run.testRunId();
        RunStatus status = input.outcome() == ParseResultsInput.Outcome.CANCELLED ? RunStatus.CANCELLED : RunStatus.FAILED;
        String reason = input.errorReason() != null && !input.errorReason().isBlank()
                ? input.errorReason() + "; " + NO_RESULTS : NO_RESULTS;
        String detail = completeness.describe();
        if (detail != null) {
            reason = reason + " (" + detail + ")";
        }
        String testName = scenario == null ? testId : scenario.testName();
        store.put(StorageKeys.junit(testId, testRunId),
                JUnitReport.write(testName, testId, testRunId, status, reason, true, 0, null), XML);
        runs.saveResults(withResults(run, null, null, null, completeness));
        return finish(testId, testRunId, status, reason, true);
    }

    /** The terminal status, written last: first the run, then the scenario that shows it. */
    private ParseResultsOutput finish(String testId, String testRunId, RunStatus status, String reason, boolean partial) {
        runs.updateStatus(testId, testRunId, status, reason, clock.instant());
        scenarios.updateRunStatus(testId, testRunId, status, reason, clock.instant());
        RunStatus written = runs.find(testId, testRunId).map(TestRun::status).orElse(status);
        return new ParseResultsOutput(testId, testRunId, written.wire(), partial);
    }

    private static String reason(ParseResultsInput input, Completeness completeness) {
        String given = input.errorReason() == null || input.errorReason().isBlank() ? null : input.errorReason();
        String detail = completeness.describe();
        if (given == null) {
            return detail;
        }
        return detail == null ? given : given + "; " + detail;
    }

    private static ThresholdVerdict verdict(Scenario scenario, RunSummary summary) {
        Map<String, List<String>> rules = scenario == null || scenario.testScenario() == null
                ? Map.of() : scenario.testScenario().thresholds();
        if (rules.isEmpty()) {
            return null;
        }
        try {
            return Thresholds.parseAll(rules).evaluate(summary);
        } catch (InvalidThresholdsException e) {
            // Validated when the scenario was saved; a rule this build cannot read fails rather than vanishes.
            return ThresholdVerdict.of(e.errors().stream()
                    .map(error -> new ThresholdResult(error.key(), error.expression(), Double.NaN, false))
                    .toList());
        }
    }

    private static TestRun withResults(TestRun run, String results, String summary, Double succPercent,
                                       Completeness completeness) {
        return new TestRun(run.testId(), run.testRunId(), run.status(), run.startTime(), run.endTime(),
                run.scenario(), run.errorReason(), results, summary, succPercent, completeness.partial(),
                completeness.missingTasks());
    }

    /** The scenario row shows its latest run's results; another run started since keeps its own. */
    private void saveScenarioResults(String testId, String testRunId, String results) {
        Optional<StoredScenario> found = scenarios.find(testId);
        if (found.isEmpty() || !testRunId.equals(found.get().lastRunId())) {
            return;
        }
        StoredScenario s = found.get();
        scenarios.put(new StoredScenario(s.scenario(), s.status(), s.lastRunId(), s.startTime(), s.endTime(),
                s.nextRun(), s.baselineId(), s.totalTestRuns(), s.errorReason(), results, s.createdAt(),
                s.updatedAt()));
    }
}
