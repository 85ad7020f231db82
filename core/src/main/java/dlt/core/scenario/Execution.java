package dlt.core.scenario;

import dlt.core.time.DltDuration;
import java.util.List;

/**
 * How one scenario is driven. Closed model: {@code concurrency} users, ramped up over
 * {@code rampUp}, then held for {@code holdFor}. Open model: {@code arrivalRate} requests per second
 * per task (the starting rate when {@code stages} are given). Optional values are null when absent;
 * {@code stages} is empty when absent.
 */
public record Execution(
        DltDuration rampUp,
        DltDuration holdFor,
        String scenario,
        Integer concurrency,
        Double arrivalRate,
        List<Stage> stages,
        DltDuration thinkTime,
        DltDuration warmUp,
        Integer taskCount,
        String executor) {

    public Execution {
        stages = ImmutableCopies.list(stages);
    }

    /**
     * Ramp-up plus hold-for; when hold-for is absent (allowed only with stages) the stages' total
     * takes its place. This is DLT's {@code testDuration}, in every unit DLT accepts.
     */
    public DltDuration testDuration() {
        DltDuration total = rampUp == null ? DltDuration.ZERO : rampUp;
        if (holdFor != null) {
            return total.plus(holdFor);
        }
        for (Stage stage : stages) {
            total = total.plus(stage.duration());
        }
        return total;
    }

    public boolean isOpenModel() {
        return arrivalRate != null || !stages.isEmpty();
    }
}
