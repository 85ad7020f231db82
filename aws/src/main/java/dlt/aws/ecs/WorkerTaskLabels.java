package dlt.aws.ecs;

import dlt.core.port.TaskLauncher.WorkerTask;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * How a worker task says which test and run it belongs to: {@code startedBy} is the test id (ListTasks
 * can filter on it), and tags name the test and the run. Whoever launches tasks (the task runner) labels
 * them this way; whoever lists them reads them back here.
 */
public final class WorkerTaskLabels {

    public static final String TEST_ID_TAG = "dlt:testId";
    public static final String TEST_RUN_ID_TAG = "dlt:testRunId";

    private WorkerTaskLabels() {
    }

    /** RunTask's {@code startedBy} (at most 128 characters, as a testId is). */
    public static String startedBy(String testId) {
        return testId;
    }

    public static List<Tag> tags(String testId, String testRunId) {
        return List.of(Tag.builder().key(TEST_ID_TAG).value(testId).build(),
                Tag.builder().key(TEST_RUN_ID_TAG).value(testRunId).build());
    }

    /** The task as the port describes it; ids the task does not carry are null. */
    static WorkerTask toWorkerTask(Task task) {
        Map<String, String> tags = task.hasTags()
                ? task.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value, (a, b) -> a))
                : Map.of();
        String testId = tags.getOrDefault(TEST_ID_TAG, task.startedBy());
        return new WorkerTask(taskId(task.taskArn()), testId, tags.get(TEST_RUN_ID_TAG), task.lastStatus());
    }

    /** The id at the end of a task ARN ({@code arn:aws:ecs:region:account:task/cluster/ID}). */
    static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
