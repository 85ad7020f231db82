package dlt.taskrunner;

import dlt.core.run.workflow.SecondsSetting;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.core.run.WorkerContract;
import java.time.Duration;
import java.util.Map;

/**
 * What the task runner needs besides its ports.
 *
 * @param bucket                the scenarios bucket workers read from and write to
 * @param s3Endpoint            an S3 endpoint workers use instead of AWS's (local platform), or null
 * @param storageRegion         the bucket's region
 * @param barrierLead           how far ahead of its release the start barrier's {@code startAt} is
 *                              ({@value #BARRIER_LEAD_VARIABLE}, default 10 s): long enough for every worker to
 *                              read it (they poll it every second or so)
 * @param barrierTimeoutSeconds how long a worker waits for the barrier before giving up
 *                              ({@value #BARRIER_TIMEOUT_VARIABLE}, default 1,200 s: the provisioning deadline and more)
 */
public record RunnerSettings(String bucket, String s3Endpoint, String storageRegion, Duration barrierLead,
                             int barrierTimeoutSeconds) {

    public static final String BARRIER_LEAD_VARIABLE = "BARRIER_LEAD_SECONDS";
    public static final String BARRIER_TIMEOUT_VARIABLE = "WORKER_BARRIER_TIMEOUT_SECONDS";
    public static final Duration DEFAULT_BARRIER_LEAD = Duration.ofSeconds(10);
    public static final int DEFAULT_BARRIER_TIMEOUT_SECONDS = 1_200;

    public RunnerSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the task runner needs the scenarios bucket");
        }
        if (barrierLead == null || barrierLead.isNegative()) {
            throw new IllegalArgumentException("the barrier lead must be 0 s or more");
        }
        if (barrierTimeoutSeconds < 1) {
            throw new IllegalArgumentException("the worker barrier timeout must be at least 1 s");
        }
    }

    /** Read once by the Lambda's no-argument constructor. */
    public static RunnerSettings fromEnvironment(AwsSettings aws, Map<String, String> env) {
        return new RunnerSettings(aws.scenariosBucket(),
                aws.endpointFor(AwsService.S3).map(Object::toString).orElse(null), aws.region(),
                Duration.ofSeconds(SecondsSetting.read(env, BARRIER_LEAD_VARIABLE, DEFAULT_BARRIER_LEAD.toSeconds())),
                (int) SecondsSetting.read(env, BARRIER_TIMEOUT_VARIABLE, DEFAULT_BARRIER_TIMEOUT_SECONDS));
    }


    WorkerContract workerContract(dlt.core.run.StateMachineInput run, String region) {
        return new WorkerContract(bucket, s3Endpoint, storageRegion, run.testId(), run.testRunId(), region, null,
                run.testType(), run.fileType(), run.showLive(), barrierTimeoutSeconds);
    }
}
