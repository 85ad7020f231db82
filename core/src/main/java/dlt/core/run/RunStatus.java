package dlt.core.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The status of a test run and of its scenario (DLT's values). Who writes which is fixed
 * (ARCHITECTURE §4): the API writes created, scheduled, queued and cancelling; the task runner
 * provisioning and running; the results parser parsing results and the terminal status, last.
 */
public enum RunStatus {
    CREATED("created"),
    SCHEDULED("scheduled"),
    QUEUED("queued"),
    PROVISIONING("provisioning"),
    RUNNING("running"),
    CANCELLING("cancelling"),
    PARSING_RESULTS("parsing results"),
    COMPLETE("complete"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    RunStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<RunStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(text)).findFirst();
    }

    /** complete, failed or cancelled: written once, never overwritten. */
    public boolean isTerminal() {
        return this == COMPLETE || this == FAILED || this == CANCELLED;
    }

    /** A run in this status holds (or is about to hold) workers: it can be cancelled, not deleted or restarted. */
    public boolean isActive() {
        return this == QUEUED || this == PROVISIONING || this == RUNNING || this == CANCELLING || this == PARSING_RESULTS;
    }

    /** Whether a run in this status may move to {@code next}: terminal statuses never change. */
    public boolean mayBecome(RunStatus next) {
        return !isTerminal();
    }
}
