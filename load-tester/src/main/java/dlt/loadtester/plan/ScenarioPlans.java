package dlt.loadtester.plan;

import dlt.core.scenario.Execution;
import dlt.core.scenario.RequestSpec;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioDefinition;
import dlt.core.scenario.Stage;
import dlt.core.scenario.TaskConfig;
import dlt.core.scenario.TestType;
import dlt.core.time.DltDuration;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a validated DLT scenario into the plan one worker task runs: its first execution, with the
 * region's per-task concurrency (DLT's rule: concurrency is per task).
 */
public final class ScenarioPlans {
    private ScenarioPlans() {
    }

    /** Settings that come from where the scenario runs rather than from the scenario itself. */
    public record RunSettings(LoadPlan.RunIdentity identity, String region, long defaultWarmUpNanos,
                              long connectTimeoutNanos, long responseTimeoutNanos, boolean trustAllCertificates) {
    }

    public static LoadPlan plan(Scenario scenario, RunSettings settings) {
        if (scenario.testType() != TestType.SIMPLE) {
            throw new IllegalArgumentException("testType " + scenario.testType().name().toLowerCase()
                    + " scripts run through their own engine, not the HTTP engine");
        }
        Execution execution = scenario.testScenario().execution().getFirst();
        ScenarioDefinition definition = scenario.testScenario().scenarios().get(execution.scenario());
        if (definition == null) throw new IllegalArgumentException("execution[0].scenario names no scenario");
        int concurrency = concurrencyFor(scenario, execution, settings.region());
        List<Step> steps = steps(definition.requests());
        long warmUp = execution.warmUp() != null ? nanos(execution.warmUp()) : settings.defaultWarmUpNanos();
        return new LoadPlan(settings.identity(), steps, model(execution, concurrency), warmUp,
                settings.connectTimeoutNanos(), settings.responseTimeoutNanos(), settings.trustAllCertificates());
    }

    static int concurrencyFor(Scenario scenario, Execution execution, String region) {
        for (TaskConfig t : scenario.testTaskConfigs()) {
            if (region == null || t.region().equals(region)) return t.concurrency();
        }
        if (execution.concurrency() != null) return execution.concurrency();
        throw new IllegalArgumentException("no testTaskConfigs entry for region " + region);
    }

    public static LoadModel model(Execution execution, int concurrency) {
        long rampUp = nanos(execution.rampUp());
        long holdFor = nanos(execution.holdFor());
        long think = nanos(execution.thinkTime());
        boolean open = execution.arrivalRate() != null || !execution.stages().isEmpty();
        if (!open) return new LoadModel.Closed(concurrency, rampUp, holdFor, think);
        double rate = execution.arrivalRate() == null ? 0 : execution.arrivalRate();
        List<ArrivalSchedule.Segment> segments = new ArrayList<>();
        if (execution.stages().isEmpty()) {
            return new LoadModel.Open(ArrivalSchedule.rampThenHold(rate, rampUp, holdFor), concurrency, think);
        }
        double from = rate;
        for (Stage stage : execution.stages()) {
            segments.add(new ArrivalSchedule.Segment(nanos(stage.duration()), from, stage.target()));
            from = stage.target();
        }
        if (holdFor > 0) segments.add(new ArrivalSchedule.Segment(holdFor, from, from));
        return new LoadModel.Open(new ArrivalSchedule(segments), concurrency, think);
    }

    static List<Step> steps(List<RequestSpec> requests) {
        List<Step> steps = new ArrayList<>();
        for (RequestSpec r : requests) {
            URI uri = templateUri(r.url());
            int[] statuses = r.checks() == null ? new int[0]
                    : r.checks().status().stream().mapToInt(Integer::intValue).toArray();
            String bodyContains = r.checks() == null ? null : r.checks().bodyContains();
            List<Step.Extraction> extractions = new ArrayList<>();
            for (Map.Entry<String, dlt.core.scenario.Extract> e : r.extract().entrySet()) {
                Pattern regex = e.getValue().regex() == null ? null : Pattern.compile(e.getValue().regex());
                extractions.add(new Step.Extraction(e.getKey(), regex, e.getValue().header()));
            }
            steps.add(new Step(r.effectiveLabel(), r.method(), uri, Endpoint.of(uri), requestTarget(r.url(), uri),
                    r.headers(), r.body(), statuses, bodyContains, extractions));
        }
        return steps;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    /**
     * The URI of a url that may hold {@code ${name}} references: they are allowed in the path and query
     * only, since the connection's host and port are fixed before any value is extracted.
     */
    static URI templateUri(String url) {
        URI uri = URI.create(VARIABLE.matcher(url).replaceAll("x"));
        if (url.contains("${")) {
            URI raw = URI.create(VARIABLE.matcher(url).replaceAll("dltvar"));
            if (raw.getHost() == null || raw.getHost().contains("dltvar")) {
                throw new IllegalArgumentException("url " + url + ": ${...} values may appear in the path and query only");
            }
        }
        return uri;
    }

    /** The path and query as written, placeholders kept for the encoder to fill per request. */
    static String requestTarget(String url, URI parsed) {
        if (!url.contains("${")) return Step.requestTargetOf(parsed);
        int authority = url.indexOf("://") + 3;
        int start = authority;
        while (start < url.length() && url.charAt(start) != '/' && url.charAt(start) != '?') start++;
        int fragment = url.indexOf('#', start);
        String target = fragment < 0 ? url.substring(start) : url.substring(start, fragment);
        if (target.isEmpty()) return "/";
        return target.startsWith("?") ? "/" + target : target;
    }

    private static long nanos(DltDuration d) {
        return d == null ? 0 : d.toMillis() * 1_000_000L;
    }
}
