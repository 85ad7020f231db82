package dlt.local.asl;

import java.time.Duration;
import java.time.Instant;

/**
 * One event of an execution's history, named as Step Functions names its history event types
 * ({@code TaskStateEntered}, {@code LambdaFunctionFailed}, {@code MapIterationStarted}, ...).
 *
 * @param id          1-based, in the order events were recorded
 * @param stateName   the state the event belongs to, null for execution events
 * @param inputBytes  size of the state's input JSON, -1 when the event has none
 * @param outputBytes size of the state's output JSON, -1 when the event has none
 * @param error       the error name of a failure event, else null
 * @param cause       the cause of a failure event, else null
 * @param retryDelay  on a failure event that a retrier handles, the delay before the next attempt
 *                    (unscaled); else null
 * @param mapIndex    the item index of a Map iteration event, else -1
 */
public record HistoryEvent(long id, Instant timestamp, String type, String stateName, long inputBytes,
                           long outputBytes, String error, String cause, Duration retryDelay, int mapIndex) {
}
