package dlt.aws;

/** The AWS services dlt calls; each may have its own endpoint override (local stand-ins listen on different ports). */
public enum AwsService {
    DYNAMODB,
    S3,
    ECS,
    SERVICE_QUOTAS,
    LAMBDA,
    SFN,
    ECR,
    IOT_DATA,
    /** IoT Core's control plane (policies). */
    IOT,
    COGNITO_IDENTITY,
    SCHEDULER;

    /** The variable naming this service's endpoint override, such as {@code DLT_AWS_ENDPOINT_DYNAMODB}. */
    public String endpointVariable() {
        return AwsSettings.ENDPOINT + "_" + name();
    }
}
