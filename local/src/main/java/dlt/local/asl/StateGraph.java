package dlt.local.asl;

import java.util.Map;

/** {@code StartAt} and {@code States}: the top level, a Map's item processor, or a Parallel branch. */
record StateGraph(String startAt, Map<String, State> states) {
}
