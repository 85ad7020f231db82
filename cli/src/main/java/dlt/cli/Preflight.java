package dlt.cli;

import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.Step;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Before any load: every target must accept a connection, else the run stops with one clear line. */
final class Preflight {
    private Preflight() {
    }

    static void checkReachable(LoadPlan plan) {
        List<Endpoint> checked = new ArrayList<>();
        for (Step step : plan.steps()) {
            Endpoint e = step.endpoint();
            if (checked.stream().anyMatch(e::sameAs)) continue;
            checked.add(e);
            String where = (e.tls() ? "https://" : "http://") + e.hostHeader();
            if (!e.resolved()) throw new UsageException("cannot reach " + where + ": unknown host " + e.host());
            int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, plan.connectTimeoutNanos() / 1_000_000L);
            try (Socket s = new Socket()) {
                s.connect(e.address(), timeoutMillis);
            } catch (IOException ex) {
                throw new UsageException("cannot reach " + where + ": " + DltCommand.oneLine(ex));
            }
        }
    }
}
