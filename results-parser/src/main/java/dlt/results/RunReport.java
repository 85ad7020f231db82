package dlt.results;

import dlt.core.result.MergedResult;
import dlt.core.result.RunSummary;
import dlt.core.run.RunStatus;
import dlt.core.scenario.Scenario;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed run: everything results.json, report.html, junit.xml and the bounded item summary are
 * written from. {@code summary} carries the threshold verdict (null thresholds when the scenario has
 * none); {@code scenario} is the one that ran, or null when it is not known.
 */
record RunReport(String testId, String testRunId, RunStatus status, String errorReason, Scenario scenario,
                 Completeness completeness, MergedResult total, Map<String, MergedResult> regions,
                 RunSummary summary) {

    RunReport {
        regions = Collections.unmodifiableMap(new TreeMap<>(regions));
    }

    Map<String, RunSummary> regionSummaries() {
        Map<String, RunSummary> summaries = new TreeMap<>();
        regions.forEach((region, merged) -> summaries.put(region, RunSummary.of(merged)));
        return summaries;
    }

    String testName() {
        return scenario == null ? testId : scenario.testName();
    }
}
