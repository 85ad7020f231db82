package dlt.cli;

import dlt.loadtester.plan.LoadModel;
import dlt.loadtester.plan.LoadPlan;

/** Human wording of a plan for the line printed before a run starts. */
final class Describe {
    private Describe() {
    }

    static String load(LoadPlan plan) {
        String model = switch (plan.model()) {
            case LoadModel.Closed c -> c.users() + " virtual users"
                    + (c.rampUpNanos() > 0 ? ", ramp-up " + seconds(c.rampUpNanos()) : "")
                    + ", " + seconds(c.holdForNanos())
                    + (c.thinkTimeNanos() > 0 ? ", think time " + seconds(c.thinkTimeNanos()) : "");
            case LoadModel.Open o -> String.format("%.0f req/s (at most %d in flight), %s", o.schedule().peakRate(),
                    o.maxInFlight(), seconds(o.durationNanos()));
        };
        String warm = plan.warmUpNanos() > 0 ? " after a " + seconds(plan.warmUpNanos()) + " warm-up" : "";
        return model + warm + ", " + plan.steps().size() + (plan.steps().size() == 1 ? " request" : " requests") + " per iteration";
    }

    static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? String.format("%.0fs", s) : String.format("%.1fs", s);
    }
}
