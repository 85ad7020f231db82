package dlt.aws.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsStubServer;
import dlt.aws.AwsStubServer.Reply;
import dlt.core.port.LiveDataAccess.GrantFailedException;
import dlt.core.port.LiveDataAccess.SignInRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.iot.IotClient;

/** The exact requests the grant makes: Cognito Identity's GetId, then IoT's AttachPolicy for that identity only. */
class IotPolicyLiveDataAccessTest {

    private static final String POOL = "us-east-1:0f0e0d0c-1111-2222-3333-444455556666";
    private static final String PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
    private static final String POLICY = "dlt-LiveDataIotPolicy-1AB2CD3EF";
    private static final String IDENTITY = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private final ObjectMapper mapper = new ObjectMapper();
    private AwsStubServer cognito;
    private AwsStubServer iot;
    private AwsClients clients;
    private IotPolicyLiveDataAccess access;

    @BeforeEach
    void setUp() {
        cognito = AwsStubServer.start();
        iot = AwsStubServer.start();
        clients = new AwsClients(AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.COGNITO_IDENTITY, cognito.endpoint())
                .withEndpoint(AwsService.IOT, iot.endpoint()));
        access = new IotPolicyLiveDataAccess(
                clients.client(AwsService.COGNITO_IDENTITY, "us-east-1", CognitoIdentityClient::builder),
                clients.client(AwsService.IOT, "us-east-1", IotClient::builder),
                new IotPolicyLiveDataAccess.Target(POOL, PROVIDER, POLICY));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        cognito.close();
        iot.close();
    }

    @Test
    void grant_attachesThePolicyToTheIdentityOfTheCallersToken() throws Exception {
        cognito.on("GetId", Reply.ok("{\"IdentityId\":\"" + IDENTITY + "\"}"));
        iot.on("/target-policies/" + POLICY, Reply.ok(""));

        assertThat(access.grant("header.payload.signature")).contains(IDENTITY);

        AwsStubServer.Call getId = cognito.calls().get(0);
        assertThat(getId.target()).isEqualTo("AWSCognitoIdentityService.GetId");
        JsonNode body = mapper.readTree(getId.body());
        assertThat(body.get("IdentityPoolId").asText()).isEqualTo(POOL);
        assertThat(body.get("Logins").get(PROVIDER).asText()).isEqualTo("header.payload.signature");
        assertThat(body.get("Logins").size()).isEqualTo(1);

        AwsStubServer.Call attach = iot.calls().get(0);
        assertThat(attach.method()).isEqualTo("PUT");
        assertThat(attach.path()).isEqualTo("/target-policies/" + POLICY);
        assertThat(mapper.readTree(attach.body()).get("target").asText()).isEqualTo(IDENTITY);
    }

    @Test
    void grant_tokenTheIdentityPoolRefuses_isASignInRejectionAndAttachesNothing() {
        cognito.on("GetId", Reply.error(400, "NotAuthorizedException", "Invalid login token. Token expired"));

        assertThatThrownBy(() -> access.grant("expired"))
                .isInstanceOf(SignInRejectedException.class);
        assertThat(iot.calls()).isEmpty();
    }

    @Test
    void grant_tokenOfAnotherProvider_isASignInRejection() {
        cognito.on("GetId", Reply.error(400, "InvalidParameterException", "Invalid identity pool configuration"));

        assertThatThrownBy(() -> access.grant("other-pool-token"))
                .isInstanceOf(SignInRejectedException.class);
    }

    @Test
    void grant_iotRefusesTheAttachment_failsAsAGrantFailure() {
        cognito.on("GetId", Reply.ok("{\"IdentityId\":\"" + IDENTITY + "\"}"));
        iot.on("/target-policies/" + POLICY, Reply.error(410, "LimitExceededException", "too many targets"));

        assertThatThrownBy(() -> access.grant("token"))
                .isInstanceOf(GrantFailedException.class)
                .hasMessageContaining(POLICY).hasMessageContaining(IDENTITY);
    }
}
