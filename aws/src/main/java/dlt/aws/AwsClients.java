package dlt.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The one factory of SDK clients: every client uses the URL-connection HTTP client, the settings'
 * credentials and endpoint overrides, and is built once per region and reused (clients are thread-safe
 * and costly to build). Closing this closes them all.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.credentials = settings.staticCredentials() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.staticCredentials().accessKeyId(), settings.staticCredentials().secretAccessKey()));
    }

    public AwsSettings settings() {
        return settings;
    }

    public DynamoDbClient dynamoDb() {
        return cached(AwsService.DYNAMODB, settings.region(),
                region -> configure(DynamoDbClient.builder(), AwsService.DYNAMODB, region).build());
    }

    public S3Client s3() {
        boolean standIn = settings.endpointFor(AwsService.S3).isPresent();
        return cached(AwsService.S3, settings.region(), region -> {
            S3ClientBuilder builder = configure(S3Client.builder(), AwsService.S3, region)
                    // stand-ins serve buckets under a path, not as virtual hosts
                    .forcePathStyle(standIn);
            if (standIn) {
                // With s3proxy, HttpURLConnection's 100-continue handshake on a reused keep-alive
                // connection now and then fails with "Unexpected end of file"; a plain PUT does not.
                builder.overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutExpectContinue()));
            }
            return builder.build();
        });
    }

    public S3Presigner s3Presigner() {
        return cached("S3_PRESIGNER", settings.region(), region -> {
            S3Presigner.Builder builder = S3Presigner.builder()
                    .region(Region.of(region))
                    .credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(settings.endpointFor(AwsService.S3).isPresent()).build());
            settings.endpointFor(AwsService.S3).ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    public EcsClient ecs(String region) {
        return cached(AwsService.ECS, region, r -> configure(EcsClient.builder(), AwsService.ECS, r).build());
    }

    public ServiceQuotasClient serviceQuotas(String region) {
        return cached(AwsService.SERVICE_QUOTAS, region,
                r -> configure(ServiceQuotasClient.builder(), AwsService.SERVICE_QUOTAS, r).build());
    }

    public LambdaClient lambda() {
        return cached(AwsService.LAMBDA, settings.region(),
                r -> configure(LambdaClient.builder(), AwsService.LAMBDA, r).build());
    }

    public SfnClient sfn() {
        return cached(AwsService.SFN, settings.region(), r -> configure(SfnClient.builder(), AwsService.SFN, r).build());
    }

    /**
     * IoT Core's data plane (publishing live data). Its endpoint is account-specific ({@code xxx-ats.iot.REGION.
     * amazonaws.com}): give it with {@link AwsSettings#withEndpoint} ({@link AwsService#IOT_DATA}).
     */
    public IotDataPlaneClient iotData() {
        return cached(AwsService.IOT_DATA, settings.region(),
                r -> configure(IotDataPlaneClient.builder(), AwsService.IOT_DATA, r).build());
    }

    /**
     * A client of a service whose SDK module only one function carries (such as ECR in the ecr-checker), built
     * and cached here like the others: {@code clients.client(AwsService.ECR, region, EcrClient::builder)}.
     */
    public <C extends AutoCloseable, B extends AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>>
            C client(AwsService service, String region, java.util.function.Supplier<B> builder) {
        return cached(service, region, r -> configure(builder.get(), service, r).build());
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
            B configure(B builder, AwsService service, String region) {
        builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(http);
        settings.endpointFor(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private <C extends AutoCloseable> C cached(Object service, String region, Function<String, C> build) {
        @SuppressWarnings("unchecked")
        C client = (C) clients.computeIfAbsent(service + "/" + region, key -> build.apply(region));
        return client;
    }

    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception e) {
                failures.add(e);
            }
        });
        clients.clear();
        http.close();
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("some SDK clients failed to close");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Drops the {@code Expect: 100-continue} header the S3 client adds to uploads (stand-ins only). */
    private static final class WithoutExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
    }
}
