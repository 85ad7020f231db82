package dlt.loadtester.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.aws.AwsSettings.StaticCredentials;
import dlt.core.run.WorkerContract;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerEnvironmentTest {

    @Test
    void from_ecsTaskWithoutTaskId_keepsTheMetadataEndpointAndTheDefaultCredentials() {
        Map<String, String> env = ecsTask();

        WorkerEnvironment read = WorkerEnvironment.from(env);

        assertThat(read.contract().taskId()).isNull();
        assertThat(read.ecsMetadataUri()).isEqualTo(URI.create("http://169.254.170.2/v4/abc"));
        assertThat(read.credentials()).isNull();
        assertThat(read.contract().barrierTimeoutSeconds()).isEqualTo(WorkerContract.DEFAULT_BARRIER_TIMEOUT_SECONDS);
    }

    @Test
    void from_localWorker_readsTheStandardAwsCredentials() {
        Map<String, String> env = ecsTask();
        env.put(WorkerContract.TASK_ID, "local-1");
        env.put(WorkerContract.S3_ENDPOINT, "http://127.0.0.1:9000");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");

        assertThat(WorkerEnvironment.from(env).credentials()).isEqualTo(new StaticCredentials("local", "secret"));
    }

    @Test
    void from_keyWithoutSecret_refusedNamingBoth() {
        Map<String, String> env = ecsTask();
        env.put("AWS_ACCESS_KEY_ID", "local");

        assertThatThrownBy(() -> WorkerEnvironment.from(env))
                .hasMessage("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
    }

    @Test
    void from_relativeS3Endpoint_refusedNamingTheVariable() {
        Map<String, String> env = ecsTask();
        env.put(WorkerContract.S3_ENDPOINT, "localhost:9000");

        assertThatThrownBy(() -> WorkerEnvironment.from(env)).hasMessageStartingWith("DLT_S3_ENDPOINT must be an absolute URL");
    }

    private static Map<String, String> ecsTask() {
        Map<String, String> env = new HashMap<>(new WorkerContract("bucket", null, "us-east-1", "t1", "r1", "eu-west-1",
                null, "simple", "none", false, WorkerContract.DEFAULT_BARRIER_TIMEOUT_SECONDS).toEnvironment());
        env.put(WorkerContract.ECS_METADATA_URI, "http://169.254.170.2/v4/abc");
        return env;
    }
}
