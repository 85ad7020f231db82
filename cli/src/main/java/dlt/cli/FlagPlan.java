package dlt.cli;

import dlt.core.time.DltDuration;
import dlt.loadtester.plan.ArrivalSchedule;
import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The plan of a {@code dlt run --url ...} command line, with the defaults of ARCHITECTURE §4. */
record FlagPlan(String url, String method, List<String> headers, String body, Integer vus, Double rate,
                Integer maxInFlight, DltDuration rampUp, DltDuration duration, DltDuration warmUp,
                DltDuration thinkTime, DltDuration connectTimeout, DltDuration responseTimeout, boolean insecure) {

    static final int DEFAULT_VUS = 10;
    static final long DEFAULT_DURATION_NANOS = 10_000_000_000L;
    static final long DEFAULT_WARM_UP_NANOS = 3_000_000_000L;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    LoadPlan toPlan() {
        URI uri = parseUrl(url);
        String m = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) throw new UsageException("-X " + method + ": use one of " + String.join(", ", METHODS.stream().sorted().toList()));
        Step step = new Step(m + " " + uri.getRawPath(), m, uri, endpoint(uri), parseHeaders(headers), body, new int[0], null, List.of());
        return new LoadPlan(LoadPlan.RunIdentity.standalone(), List.of(step), model(), warmUpNanos(warmUp),
                nanosOr(connectTimeout, LoadPlan.DEFAULT_CONNECT_TIMEOUT_NANOS),
                nanosOr(responseTimeout, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS), insecure);
    }

    private LoadModel model() {
        long ramp = nanosOr(rampUp, 0);
        long hold = nanosOr(duration, DEFAULT_DURATION_NANOS);
        if (hold <= 0) throw new UsageException("--duration must be more than 0s");
        long think = nanosOr(thinkTime, 0);
        if (rate != null) {
            if (!(rate > 0) || rate > 10_000_000) throw new UsageException("--rate must be between 0 and 10000000 requests per second");
            int inFlight = maxInFlight != null ? maxInFlight : (int) Math.min(1000, Math.max(10, Math.ceil(rate / 10)));
            if (inFlight < 1) throw new UsageException("--max-in-flight must be at least 1");
            return new LoadModel.Open(ArrivalSchedule.rampThenHold(rate, ramp, hold), inFlight, think);
        }
        if (maxInFlight != null) throw new UsageException("--max-in-flight applies to the open model (--rate)");
        int users = vus == null ? DEFAULT_VUS : vus;
        if (users < 1 || users > 1_000_000) throw new UsageException("--vus must be between 1 and 1000000");
        return new LoadModel.Closed(users, ramp, hold, think);
    }

    /** The demo: three labelled endpoints of the sample target, one with variable latency, one that fails sometimes. */
    static LoadPlan demo(URI base, int vus, DltDuration duration, DltDuration warmUp, boolean insecure) {
        List<Step> steps = List.of(demoStep(base, "fast", "/fast"), demoStep(base, "slow", "/slow"), demoStep(base, "flaky", "/flaky"));
        long hold = nanosOr(duration, DEFAULT_DURATION_NANOS);
        return new LoadPlan(LoadPlan.RunIdentity.standalone(), steps, new LoadModel.Closed(vus, 0, hold, 0),
                nanosOr(warmUp, 2_000_000_000L), LoadPlan.DEFAULT_CONNECT_TIMEOUT_NANOS,
                LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, insecure);
    }

    private static Step demoStep(URI base, String label, String path) {
        URI uri = base.resolve(path);
        return new Step(label, "GET", uri, Endpoint.of(uri), Map.of(), null, new int[0], null, List.of());
    }

    static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--url " + url + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new UsageException("--url must start with http:// or https://");
        if (uri.getHost() == null) throw new UsageException("--url " + url + " has no host");
        return uri;
    }

    private static Endpoint endpoint(URI uri) {
        try {
            return Endpoint.of(uri);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Map<String, String> parseHeaders(List<String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? "" : h.substring(0, colon).trim();
            if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new UsageException("-H '" + h + "': expected 'Name: value'");
            }
            String value = h.substring(colon + 1).trim();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) throw new UsageException("-H '" + name + "': value has a line break");
            out.put(name, value);
        }
        return out;
    }

    static long warmUpNanos(DltDuration warmUp) {
        return nanosOr(warmUp, DEFAULT_WARM_UP_NANOS);
    }

    static long nanosOr(DltDuration d, long fallback) {
        return d == null ? fallback : Durations.nanos(d);
    }
}
