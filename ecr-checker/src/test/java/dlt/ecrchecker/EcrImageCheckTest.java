package dlt.ecrchecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsStubServer;
import dlt.aws.AwsStubServer.Reply;
import dlt.core.port.WorkerImageCheck.ImageStatus;
import dlt.core.run.workflow.ImageCheck;
import dlt.core.run.workflow.RunFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

class EcrImageCheckTest {

    private static final String PRIVATE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/dlt-load-tester:v1.2";

    private AwsStubServer aws;
    private AwsClients clients;

    @BeforeEach
    void setUp() {
        aws = AwsStubServer.start();
        clients = new AwsClients(AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.ECR, aws.endpoint()));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        aws.close();
    }

    private EcrImageCheck check(String image) {
        return new EcrImageCheck(image, region -> clients.client(AwsService.ECR, region, EcrClient::builder));
    }

    @Test
    void check_privateImagePresent_asksEcrForThatTagInThatRegistry() throws Exception {
        aws.on("DescribeImages", Reply.ok("{\"imageDetails\":[{\"imageTags\":[\"v1.2\"]}]}"));

        ImageStatus status = check(PRIVATE).check();

        assertThat(status).isEqualTo(ImageStatus.found(PRIVATE, "ecr"));
        AwsStubServer.Call call = aws.calls("DescribeImages").get(0);
        assertThat(call.target()).isEqualTo("AmazonEC2ContainerRegistry_V20150921.DescribeImages");
        assertThat(call.header("Authorization")).contains("/eu-west-1/ecr/");
        JsonNode request = new ObjectMapper().readTree(call.body());
        assertThat(request.path("registryId").asText()).isEqualTo("123456789012");
        assertThat(request.path("repositoryName").asText()).isEqualTo("dlt-load-tester");
        assertThat(request.path("imageIds").get(0).path("imageTag").asText()).isEqualTo("v1.2");
    }

    @Test
    void check_imageNotPushed_saysToPushIt() {
        aws.on("DescribeImages", Reply.error(400, "ImageNotFoundException", "The image with imageId {imageTag:'v1.2'} does not exist"));

        ImageStatus status = check(PRIVATE).check();

        assertThat(status.available()).isFalse();
        assertThat(status.reason()).contains("is not in the ECR repository dlt-load-tester (eu-west-1)")
                .contains("build and push it (tag v1.2)");
    }

    @Test
    void check_repositoryMissing_saysWhichAndWhere() {
        aws.on("DescribeImages", Reply.error(400, "RepositoryNotFoundException", "no repo"));

        assertThat(check(PRIVATE).check().reason()).contains("repository dlt-load-tester does not exist in account 123456789012");
    }

    @Test
    void check_notAllowed_saysWhichPermission() {
        aws.on("DescribeImages", Reply.error(400, "AccessDeniedException", "not authorized"));

        assertThat(check(PRIVATE).check().reason()).contains("ecr:DescribeImages");
    }

    @Test
    void check_digestWithoutTag_asksForTheDigest() throws Exception {
        String digest = "sha256:" + "a".repeat(64);
        aws.on("DescribeImages", Reply.ok("{\"imageDetails\":[{}]}"));

        check("123456789012.dkr.ecr.us-west-2.amazonaws.com/team/dlt@" + digest).check();

        JsonNode id = new ObjectMapper().readTree(aws.calls("DescribeImages").get(0).body()).path("imageIds").get(0);
        assertThat(id.path("imageDigest").asText()).isEqualTo(digest);
        assertThat(id.has("imageTag")).isFalse();
    }

    @Test
    void check_publicImage_passesWithoutAskingEcr() {
        assertThat(check("public.ecr.aws/aws-solutions/distributed-load-testing-on-aws-load-tester:v4").check())
                .isEqualTo(ImageStatus.found("public.ecr.aws/aws-solutions/distributed-load-testing-on-aws-load-tester:v4",
                        "public"));
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void check_noImageConfigured_saysWhichVariable() {
        assertThat(check(null).check().reason()).contains("LOAD_TESTER_IMAGE is not set");
    }

    @Test
    void handleRequest_imageMissing_failsTheRunWithTheReason() {
        aws.on("DescribeImages", Reply.error(400, "ImageNotFoundException", "missing"));
        EcrCheckerHandler handler = new EcrCheckerHandler(new CheckWorkerImage(check(PRIVATE)));

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(
                "{\"testId\":\"t1\",\"testRunId\":\"r1\"}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("build and push it");
    }

    @Test
    void handleRequest_imagePresent_answersWhereItIs() {
        EcrCheckerHandler handler = new EcrCheckerHandler(new CheckWorkerImage(() -> ImageStatus.found("dlt.jar", "local")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream("{\"testId\":\"t1\",\"testRunId\":\"r1\",\"run\":{}}"
                .getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"image\":\"dlt.jar\",\"location\":\"local\"}");
        assertThat(new ImageCheck.Result("dlt.jar", "local").image()).isEqualTo("dlt.jar");
    }
}
