package dlt.core.scenario;

import dlt.core.time.DltDuration;

/**
 * One step of an open-model load profile: over {@code duration} the arrival rate moves linearly to
 * {@code target} requests per second per task.
 */
public record Stage(DltDuration duration, double target) {
}
