package dlt.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AwsClientsTest {

    private final AwsSettings settings = AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
            .withEndpoint(AwsService.S3, java.net.URI.create("http://127.0.0.1:9"));

    @Test
    void clients_sameRegion_areBuiltOnce() {
        try (AwsClients clients = new AwsClients(settings)) {
            assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
            assertThat(clients.ecs("eu-west-1")).isSameAs(clients.ecs("eu-west-1"));
            assertThat(clients.ecs("eu-west-1")).isNotSameAs(clients.ecs("us-east-1"));
            assertThat(clients.serviceQuotas("eu-west-1")).isSameAs(clients.serviceQuotas("eu-west-1"));
        }
    }

    @Test
    void s3Presigner_endpointOverridden_signsPathStyleUrls() {
        try (AwsClients clients = new AwsClients(settings)) {
            String url = clients.s3Presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                    .putObjectRequest(o -> o.bucket("b").key("k"))).url().toString();
            assertThat(url).startsWith("http://127.0.0.1:9/b/k?");
        }
    }
}
