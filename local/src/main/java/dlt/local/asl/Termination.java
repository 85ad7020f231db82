package dlt.local.asl;

/** Why a scope of an execution ended early: a stop, a timeout, a history overflow, or a failed sibling. */
record Termination(ExecutionStatus status, String error, String cause) {
}
