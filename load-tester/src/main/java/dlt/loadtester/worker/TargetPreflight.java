package dlt.loadtester.worker;

import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Before waiting for the start barrier: every target host of the plan answers a TCP connect. */
final class TargetPreflight {
    private TargetPreflight() {
    }

    /** @throws WorkerFailure naming the first target that does not answer, and why */
    static void check(LoadPlan plan) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, plan.connectTimeoutNanos() / 1_000_000L);
        for (Endpoint endpoint : distinct(plan.steps())) {
            InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (address.isUnresolved()) {
                throw new WorkerFailure("the target host " + endpoint.host() + " does not resolve");
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, timeoutMillis);
            } catch (IOException e) {
                throw new WorkerFailure("the target " + endpoint.host() + ":" + endpoint.port()
                        + " does not answer a TCP connect", e);
            }
        }
    }

    private static List<Endpoint> distinct(List<Step> steps) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Step step : steps) {
            if (endpoints.stream().noneMatch(e -> e.sameAs(step.endpoint()))) endpoints.add(step.endpoint());
        }
        return endpoints;
    }
}
