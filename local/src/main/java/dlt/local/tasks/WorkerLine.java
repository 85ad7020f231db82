package dlt.local.tasks;

/** One line a local worker printed on stdout (live lines, on ECS what goes to CloudWatch Logs). */
public record WorkerLine(String region, String taskId, String line) {
}
