package dlt.loadtester.engine;

import dlt.loadtester.http.RequestEncoder;
import dlt.loadtester.plan.ArrivalSchedule;
import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A {@link LoadPlan} turned into the flat arrays the event loops index on the hot path: request bytes
 * encoded once, endpoints and labels numbered, checks as bytes.
 */
record CompiledPlan(LoadPlan source, List<Step> steps, LoadModel model, List<String> labels, List<Endpoint> endpoints,
                    int[] stepEndpoint, int[] stepLabel, byte[][] fixedRequests, boolean[] captureBody,
                    byte[][] captureHeader, byte[][] bodyNeedles, boolean[] checked, SSLContext sslContext) {

    private static final double DEFAULT_WARM_UP_RATE = 100;

    static CompiledPlan of(LoadPlan plan) {
        List<Step> steps = plan.steps();
        int n = steps.size();
        Map<String, Integer> labels = new LinkedHashMap<>();
        List<Endpoint> endpoints = new ArrayList<>();
        int[] stepEndpoint = new int[n], stepLabel = new int[n];
        byte[][] fixed = new byte[n][], header = new byte[n][], needles = new byte[n][];
        boolean[] captureBody = new boolean[n], checked = new boolean[n];
        boolean anyTls = false;
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            stepLabel[i] = labels.computeIfAbsent(s.label(), k -> labels.size());
            stepEndpoint[i] = endpointIndex(endpoints, s.endpoint());
            anyTls |= s.endpoint().tls();
            fixed[i] = s.usesVariables() ? null : RequestEncoder.encode(s);
            captureBody[i] = s.needsBody();
            String h = s.capturedHeader();
            header[i] = h == null ? null : h.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            needles[i] = s.bodyContains() == null ? null : s.bodyContains().getBytes(StandardCharsets.UTF_8);
            checked[i] = s.expectedStatuses().length > 0 || s.bodyContains() != null;
        }
        SSLContext ssl = anyTls ? sslContext(plan.trustAllCertificates()) : null;
        return new CompiledPlan(plan, steps, plan.model(), List.copyOf(labels.keySet()), List.copyOf(endpoints),
                stepEndpoint, stepLabel, fixed, captureBody, header, needles, checked, ssl);
    }

    private static int endpointIndex(List<Endpoint> endpoints, Endpoint e) {
        for (int i = 0; i < endpoints.size(); i++) if (endpoints.get(i).sameAs(e)) return i;
        endpoints.add(e);
        return endpoints.size() - 1;
    }

    private static SSLContext sslContext(boolean trustAll) {
        try {
            if (!trustAll) return SSLContext.getDefault();
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** Only used when the user opts in (--insecure) to load-test a target with a self-signed certificate. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    boolean verifyHostnames() {
        return !source.trustAllCertificates();
    }

    boolean mayCaptureBody() {
        for (boolean b : captureBody) if (b) return true;
        return false;
    }

    long warmUpNanos() {
        return source.warmUpNanos();
    }

    long connectTimeoutNanos() {
        return source.connectTimeoutNanos();
    }

    long responseTimeoutNanos() {
        return source.responseTimeoutNanos();
    }

    long thinkTimeNanos() {
        return switch (model) {
            case LoadModel.Closed c -> c.thinkTimeNanos();
            case LoadModel.Open o -> o.thinkTimeNanos();
        };
    }

    /**
     * The open model's schedule with the warm-up in front: warm-up runs at the schedule's starting
     * rate, or at a gentle rate when the schedule ramps up from zero.
     */
    ArrivalSchedule arrivalsIncludingWarmUp() {
        ArrivalSchedule schedule = ((LoadModel.Open) model).schedule();
        if (warmUpNanos() == 0) return schedule;
        double start = schedule.segments().getFirst().fromRate();
        double rate = start > 0 ? start : Math.max(1, Math.min(schedule.peakRate(), DEFAULT_WARM_UP_RATE));
        List<ArrivalSchedule.Segment> segments = new ArrayList<>();
        segments.add(new ArrivalSchedule.Segment(warmUpNanos(), rate, rate));
        segments.addAll(schedule.segments());
        return new ArrivalSchedule(segments);
    }
}
