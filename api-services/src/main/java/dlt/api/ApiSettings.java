package dlt.api;

import dlt.core.time.DltDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The API's configuration, read once from the environment (the only place it is read). Each value
 * names its variable; a missing required one fails at start with its name.
 *
 * @param region              AWS_REGION: the main region
 * @param version             VERSION: this deployment's version
 * @param stackId             STACK_ID: the CloudFormation stack (or "local")
 * @param stackName           STACK_NAME, optional
 * @param createdTime         STACK_CREATED_TIME, optional
 * @param accountId           AWS_ACCOUNT_ID, optional
 * @param deploymentId        UUID: DLT's anonymous deployment id, optional
 * @param deploymentMethod    DEPLOYMENT_METHOD, default cloudformation
 * @param solutionTemplate    SOLUTION_TEMPLATE, optional
 * @param mcpEndpoint         MCP_ENDPOINT, optional
 * @param regionalTemplateUrl REGIONAL_TEMPLATE_URL: the regional stack template GET /regions gives, optional
 * @param corsAllowedOrigin   CORS_ALLOWED_ORIGIN, default {@code *}
 * @param uploadUrlValidity   UPLOAD_URL_VALIDITY: how long a script upload URL works, default 15m
 * @param scheduleGroupName   SCHEDULE_GROUP_NAME: the EventBridge Scheduler group of dlt's schedules (AWS only)
 * @param schedulerRoleArn    SCHEDULER_ROLE_ARN: the role schedules invoke the API function with (AWS only)
 * @param schedulerTargetArn  SCHEDULER_TARGET_ARN: the API function (alias) ARN schedules invoke (AWS only)
 * @param identityPoolId      IDENTITY_POOL_ID: the Cognito identity pool the console's live data goes through (AWS only)
 * @param signInProvider      SIGN_IN_PROVIDER: the user pool as the identity pool knows it,
 *                            {@code cognito-idp.REGION.amazonaws.com/POOL_ID} (AWS only)
 * @param iotPolicyName       IOT_POLICY_NAME: the IoT policy that lets an identity subscribe to live data (AWS only)
 */
public record ApiSettings(String region, String version, String stackId, String stackName, String createdTime,
                          String accountId, String deploymentId, String deploymentMethod, String solutionTemplate,
                          String mcpEndpoint, String regionalTemplateUrl, String corsAllowedOrigin,
                          Duration uploadUrlValidity, String scheduleGroupName, String schedulerRoleArn,
                          String schedulerTargetArn, String identityPoolId, String signInProvider,
                          String iotPolicyName) {

    public static final String SCHEDULE_GROUP_NAME = "SCHEDULE_GROUP_NAME";
    public static final String SCHEDULER_ROLE_ARN = "SCHEDULER_ROLE_ARN";
    public static final String SCHEDULER_TARGET_ARN = "SCHEDULER_TARGET_ARN";
    public static final String IDENTITY_POOL_ID = "IDENTITY_POOL_ID";
    public static final String SIGN_IN_PROVIDER = "SIGN_IN_PROVIDER";
    public static final String IOT_POLICY_NAME = "IOT_POLICY_NAME";

    public ApiSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(corsAllowedOrigin, "corsAllowedOrigin");
        Objects.requireNonNull(uploadUrlValidity, "uploadUrlValidity");
    }

    /** Settings from the process environment; call once, at start. */
    public static ApiSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** @throws IllegalStateException naming the variable that is missing or malformed */
    public static ApiSettings from(Map<String, String> env) {
        return new ApiSettings(
                required(env, "AWS_REGION"),
                required(env, "VERSION"),
                required(env, "STACK_ID"),
                optional(env, "STACK_NAME", null),
                optional(env, "STACK_CREATED_TIME", null),
                optional(env, "AWS_ACCOUNT_ID", null),
                optional(env, "UUID", null),
                optional(env, "DEPLOYMENT_METHOD", "cloudformation"),
                optional(env, "SOLUTION_TEMPLATE", null),
                optional(env, "MCP_ENDPOINT", null),
                optional(env, "REGIONAL_TEMPLATE_URL", null),
                optional(env, "CORS_ALLOWED_ORIGIN", "*"),
                duration(env, "UPLOAD_URL_VALIDITY", "15m"),
                optional(env, SCHEDULE_GROUP_NAME, null),
                optional(env, SCHEDULER_ROLE_ARN, null),
                optional(env, SCHEDULER_TARGET_ARN, null),
                optional(env, IDENTITY_POOL_ID, null),
                optional(env, SIGN_IN_PROVIDER, null),
                optional(env, IOT_POLICY_NAME, null));
    }

    /**
     * The three scheduler variables, which the Lambda composition needs and the local platform does not.
     *
     * @throws IllegalStateException naming the first one missing
     */
    public void requireScheduler() {
        requirePresent(scheduleGroupName, SCHEDULE_GROUP_NAME, "schedule runs");
        requirePresent(schedulerRoleArn, SCHEDULER_ROLE_ARN, "schedule runs");
        requirePresent(schedulerTargetArn, SCHEDULER_TARGET_ARN, "schedule runs");
    }

    /**
     * The three variables with which the Lambda composition opens live data to a console's identity.
     *
     * @throws IllegalStateException naming the first one missing
     */
    public void requireLiveAccess() {
        requirePresent(identityPoolId, IDENTITY_POOL_ID, "open live data to the console");
        requirePresent(signInProvider, SIGN_IN_PROVIDER, "open live data to the console");
        requirePresent(iotPolicyName, IOT_POLICY_NAME, "open live data to the console");
    }

    private static void requirePresent(String value, String name, String purpose) {
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set; the API needs it to "
                    + purpose);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the API needs it");
        }
        return value.strip();
    }

    private static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        String text = optional(env, name, fallback);
        try {
            Duration duration = DltDuration.parse(text).toJava();
            if (duration.isZero()) {
                throw new IllegalArgumentException("must be more than 0");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + name + " is not a duration: " + e.getMessage(),
                    e);
        }
    }
}
