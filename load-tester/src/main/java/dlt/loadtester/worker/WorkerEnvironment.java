package dlt.loadtester.worker;

import dlt.aws.AwsSettings.StaticCredentials;
import dlt.core.run.WorkerContract;
import dlt.core.script.ScriptTools;
import java.net.URI;
import java.util.Map;

/**
 * What a worker reads from its environment, once: the {@link WorkerContract}, the ECS task metadata
 * endpoint (where the task id is when the contract has none) and, for local S3 stand-ins, fixed
 * credentials from the standard {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}
 * (null: the SDK's default chain, the task role on ECS), and the script tools ({@code locust}, {@code k6})
 * found on its {@code PATH}.
 */
public record WorkerEnvironment(WorkerContract contract, URI ecsMetadataUri, StaticCredentials credentials, ScriptTools tools) {

    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

    /** @throws IllegalArgumentException naming the variable that is missing or malformed */
    public static WorkerEnvironment from(Map<String, String> env) {
        WorkerContract contract = WorkerContract.fromEnvironment(env);
        String metadata = blankToNull(env.get(WorkerContract.ECS_METADATA_URI));
        if (contract.taskId() == null && metadata == null) {
            throw new IllegalArgumentException("the worker needs the environment variable " + WorkerContract.TASK_ID
                    + " (or, on ECS, " + WorkerContract.ECS_METADATA_URI + ")");
        }
        if (contract.s3Endpoint() != null) uri(WorkerContract.S3_ENDPOINT, contract.s3Endpoint());
        String keyId = blankToNull(env.get(ACCESS_KEY_ID));
        String secret = blankToNull(env.get(SECRET_ACCESS_KEY));
        if ((keyId == null) != (secret == null)) {
            throw new IllegalArgumentException(ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " must be set together");
        }
        return new WorkerEnvironment(contract, metadata == null ? null : uri(WorkerContract.ECS_METADATA_URI, metadata),
                keyId == null ? null : new StaticCredentials(keyId, secret), ScriptTools.onPath(env.get("PATH")));
    }

    public WorkerEnvironment withContract(WorkerContract next) {
        return new WorkerEnvironment(next, ecsMetadataUri, credentials, tools);
    }

    private static URI uri(String variable, String value) {
        String problem = variable + " must be an absolute URL such as http://127.0.0.1:9000, not '" + value + "'";
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException(problem);
        return uri;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
