package dlt.core.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a worker task starts with: the same variables on ECS (container overrides set by the
 * task runner) and locally (the process launcher). The worker reads them once, at start.
 *
 * @param bucket            the scenarios bucket
 * @param s3Endpoint        an S3 endpoint override (local platform), or null for AWS
 * @param storageRegion     the region of the bucket (the main stack's region)
 * @param taskId            the worker's id; on ECS null, read from the task metadata endpoint instead
 * @param barrierTimeoutSeconds how long to wait for the start barrier before giving up
 */
public record WorkerContract(String bucket, String s3Endpoint, String storageRegion, String testId, String testRunId,
                             String region, String taskId, String testType, String fileType, boolean showLive,
                             int barrierTimeoutSeconds) {

    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String S3_ENDPOINT = "DLT_S3_ENDPOINT";
    public static final String MAIN_STACK_REGION = "MAIN_STACK_REGION";
    public static final String TEST_ID = "TEST_ID";
    public static final String TEST_RUN_ID = "TEST_RUN_ID";
    public static final String TEST_REGION = "TEST_REGION";
    public static final String TASK_ID = "DLT_TASK_ID";
    public static final String TEST_TYPE = "TEST_TYPE";
    public static final String FILE_TYPE = "FILE_TYPE";
    public static final String LIVE_DATA_ENABLED = "LIVE_DATA_ENABLED";
    public static final String TIMEOUT = "TIMEOUT";
    /** Set by ECS in every task: the task metadata endpoint (v4), where the task ARN is. */
    public static final String ECS_METADATA_URI = "ECS_CONTAINER_METADATA_URI_V4";

    public static final int DEFAULT_BARRIER_TIMEOUT_SECONDS = 900;

    /** The variables to give a worker; null values are left out. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, S3_BUCKET, bucket);
        put(env, S3_ENDPOINT, s3Endpoint);
        put(env, MAIN_STACK_REGION, storageRegion);
        put(env, TEST_ID, testId);
        put(env, TEST_RUN_ID, testRunId);
        put(env, TEST_REGION, region);
        put(env, TASK_ID, taskId);
        put(env, TEST_TYPE, testType);
        put(env, FILE_TYPE, fileType);
        env.put(LIVE_DATA_ENABLED, "live=" + showLive);
        env.put(TIMEOUT, Integer.toString(barrierTimeoutSeconds));
        return env;
    }

    /**
     * Reads a worker's environment; a missing required variable fails naming it. The task id may be
     * absent (ECS): the worker then asks the metadata endpoint.
     */
    public static WorkerContract fromEnvironment(Map<String, String> env) {
        String timeout = env.getOrDefault(TIMEOUT, Integer.toString(DEFAULT_BARRIER_TIMEOUT_SECONDS));
        int barrier;
        try {
            barrier = Integer.parseInt(timeout.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT + " must be a number of seconds, not '" + timeout + "'");
        }
        return new WorkerContract(required(env, S3_BUCKET), env.get(S3_ENDPOINT), required(env, MAIN_STACK_REGION),
                required(env, TEST_ID), required(env, TEST_RUN_ID), required(env, TEST_REGION), env.get(TASK_ID),
                env.getOrDefault(TEST_TYPE, "simple"), env.getOrDefault(FILE_TYPE, "none"),
                "live=true".equals(env.get(LIVE_DATA_ENABLED)), barrier);
    }

    public WorkerContract withTaskId(String id) {
        return new WorkerContract(bucket, s3Endpoint, storageRegion, testId, testRunId, region, id, testType, fileType,
                showLive, barrierTimeoutSeconds);
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("the worker needs the environment variable " + name);
        return v;
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) env.put(name, value);
    }
}
