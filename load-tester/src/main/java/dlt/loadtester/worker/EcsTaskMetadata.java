package dlt.loadtester.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The task id of an ECS task, from the task metadata endpoint v4 ({@code $ECS_CONTAINER_METADATA_URI_V4/task}):
 * the last segment of its {@code TaskARN}, the id {@code DescribeTasks} and {@code StopTask} know it by.
 */
public final class EcsTaskMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 3;

    private EcsTaskMetadata() {
    }

    public static String taskId(URI metadataUri) {
        URI task = URI.create(metadataUri.toString().replaceAll("/+$", "") + "/task");
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(task).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                return taskIdOf(response.body());
            } catch (IOException e) {
                last = e;
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerFailure("interrupted while asking the ECS metadata endpoint " + task + " for the task id");
            }
        }
        throw new WorkerFailure("the ECS metadata endpoint " + task + " did not give the task id", last);
    }

    static String taskIdOf(String taskMetadataJson) throws IOException {
        JsonNode arn = JSON.readTree(taskMetadataJson).path("TaskARN");
        if (!arn.isTextual() || arn.asText().isBlank()) throw new IOException("its answer has no TaskARN");
        String value = arn.asText();
        return value.substring(value.lastIndexOf('/') + 1);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
