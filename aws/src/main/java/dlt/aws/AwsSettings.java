package dlt.aws;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where dlt's AWS resources are and how to reach them, read once from the environment (the only place
 * that reads it) or built directly by tests and the local platform. A resource name that a handler
 * does not need may be absent; asking for it then fails naming its variable.
 *
 * @param region              AWS_REGION (required)
 * @param endpointOverride    DLT_AWS_ENDPOINT: one endpoint for every service (local stand-ins), or null
 * @param serviceEndpoints    DLT_AWS_ENDPOINT_{SERVICE}: an endpoint for one service, winning over the one above
 * @param staticCredentials   DLT_AWS_ACCESS_KEY_ID + DLT_AWS_SECRET_ACCESS_KEY for local stand-ins; null means
 *                            the SDK's default chain (what Lambda provides)
 * @param historyStartTimeIndex HISTORY_START_TIME_INDEX, default {@value #DEFAULT_START_TIME_INDEX}
 */
public record AwsSettings(String region, URI endpointOverride, Map<AwsService, URI> serviceEndpoints,
                          StaticCredentials staticCredentials, String scenariosTableName, String historyTableName,
                          String historyStartTimeIndex, String scenariosBucketName, String stateMachineArnValue,
                          String taskCancelerArnValue) {

    public static final String REGION = "AWS_REGION";
    public static final String ENDPOINT = "DLT_AWS_ENDPOINT";
    public static final String ACCESS_KEY_ID = "DLT_AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "DLT_AWS_SECRET_ACCESS_KEY";
    public static final String SCENARIOS_TABLE = "SCENARIOS_TABLE";
    public static final String HISTORY_TABLE = "HISTORY_TABLE";
    public static final String HISTORY_START_TIME_INDEX = "HISTORY_START_TIME_INDEX";
    public static final String SCENARIOS_BUCKET = "SCENARIOS_BUCKET";
    public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    public static final String TASK_CANCELER_ARN = "TASK_CANCELER_ARN";
    public static final String DEFAULT_START_TIME_INDEX = "testId-startTime-index";

    /** Fixed credentials, for local stand-ins that check a signature but not an account. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey) {
        public StaticCredentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "StaticCredentials[" + accessKeyId + ", secret hidden]";
        }
    }

    public AwsSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException(REGION + " must be set to the AWS region dlt runs in");
        }
        serviceEndpoints = serviceEndpoints == null ? Map.of() : Map.copyOf(serviceEndpoints);
        historyStartTimeIndex = historyStartTimeIndex == null || historyStartTimeIndex.isBlank()
                ? DEFAULT_START_TIME_INDEX : historyStartTimeIndex;
    }

    /** Reads the process environment. */
    public static AwsSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Reads the given variables (a map, so tests need not touch the process environment). */
    public static AwsSettings fromEnvironment(Map<String, String> env) {
        Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            optional(env, service.endpointVariable()).ifPresent(v -> endpoints.put(service, uri(service.endpointVariable(), v)));
        }
        Optional<String> keyId = optional(env, ACCESS_KEY_ID);
        Optional<String> secret = optional(env, SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException(ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " must be set together");
        }
        return new AwsSettings(
                optional(env, REGION).orElseThrow(() -> new IllegalArgumentException(REGION + " is not set")),
                optional(env, ENDPOINT).map(v -> uri(ENDPOINT, v)).orElse(null),
                endpoints,
                keyId.map(id -> new StaticCredentials(id, secret.orElseThrow())).orElse(null),
                optional(env, SCENARIOS_TABLE).orElse(null),
                optional(env, HISTORY_TABLE).orElse(null),
                optional(env, HISTORY_START_TIME_INDEX).orElse(DEFAULT_START_TIME_INDEX),
                optional(env, SCENARIOS_BUCKET).orElse(null),
                optional(env, STATE_MACHINE_ARN).orElse(null),
                optional(env, TASK_CANCELER_ARN).orElse(null));
    }

    /** Settings for local stand-ins: one region, fixed credentials, resource names to fill in with {@code with...}. */
    public static AwsSettings local(String region, StaticCredentials credentials) {
        return new AwsSettings(region, null, Map.of(), credentials, null, null, null, null, null, null);
    }

    public AwsSettings withEndpoint(AwsService service, URI endpoint) {
        Map<AwsService, URI> next = new EnumMap<>(AwsService.class);
        next.putAll(serviceEndpoints);
        next.put(service, endpoint);
        return new AwsSettings(region, endpointOverride, next, staticCredentials, scenariosTableName, historyTableName,
                historyStartTimeIndex, scenariosBucketName, stateMachineArnValue, taskCancelerArnValue);
    }

    public AwsSettings withTables(String scenariosTable, String historyTable) {
        return new AwsSettings(region, endpointOverride, serviceEndpoints, staticCredentials, scenariosTable,
                historyTable, historyStartTimeIndex, scenariosBucketName, stateMachineArnValue, taskCancelerArnValue);
    }

    public AwsSettings withBucket(String bucket) {
        return new AwsSettings(region, endpointOverride, serviceEndpoints, staticCredentials, scenariosTableName,
                historyTableName, historyStartTimeIndex, bucket, stateMachineArnValue, taskCancelerArnValue);
    }

    public AwsSettings withFunctions(String stateMachineArn, String taskCancelerArn) {
        return new AwsSettings(region, endpointOverride, serviceEndpoints, staticCredentials, scenariosTableName,
                historyTableName, historyStartTimeIndex, scenariosBucketName, stateMachineArn, taskCancelerArn);
    }

    /** The endpoint to call {@code service} at, when it is not AWS's own. */
    public Optional<URI> endpointFor(AwsService service) {
        return Optional.ofNullable(serviceEndpoints.getOrDefault(service, endpointOverride));
    }

    public String scenariosTable() {
        return required(scenariosTableName, SCENARIOS_TABLE);
    }

    public String historyTable() {
        return required(historyTableName, HISTORY_TABLE);
    }

    public String scenariosBucket() {
        return required(scenariosBucketName, SCENARIOS_BUCKET);
    }

    public String stateMachineArn() {
        return required(stateMachineArnValue, STATE_MACHINE_ARN);
    }

    public String taskCancelerArn() {
        return required(taskCancelerArnValue, TASK_CANCELER_ARN);
    }

    private static String required(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set; this function needs it");
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static URI uri(String variable, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(variable + " must be an absolute URL such as http://127.0.0.1:8000");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " must be an absolute URL such as http://127.0.0.1:8000", e);
        }
    }
}
