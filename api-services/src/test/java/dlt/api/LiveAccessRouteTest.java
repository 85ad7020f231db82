package dlt.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dlt.api.ApiFixture.Response;
import dlt.core.port.LiveDataAccess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /live-access}: the console's own identity gets the live topics; bad or missing tokens get a 403. */
class LiveAccessRouteTest {

    private static final String IDENTITY = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private final ApiFixture api = new ApiFixture();

    private Response post(Map<String, String> headers) {
        APIGatewayProxyRequestEvent event = ApiFixture.event("POST", "/live-access", null, null)
                .withResource("/live-access")
                .withHeaders(headers);
        return api.call(event);
    }

    @Test
    void liveAccess_grantsToTheIdentityOfTheCallersOwnToken() {
        api.liveAccess.accept("id.token.sig", IDENTITY);

        Response response = post(Map.of("Authorization", "id.token.sig"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("identityId").asText()).isEqualTo(IDENTITY);
        assertThat(response.json().get("topicFilter").asText()).isEqualTo("dlt/+");
        assertThat(api.liveAccess.granted()).containsExactly(IDENTITY);
    }

    @Test
    void liveAccess_takesABearerTokenAndAnyHeaderCase() {
        api.liveAccess.accept("id.token.sig", IDENTITY);

        assertThat(post(Map.of("authorization", "Bearer id.token.sig")).status()).isEqualTo(200);
        assertThat(api.liveAccess.granted()).containsExactly(IDENTITY);
    }

    @Test
    void liveAccess_withoutAToken_is403NamingTheHeader() {
        Response response = post(Map.of());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("SIGN_IN_REJECTED");
        assertThat(response.field()).isEqualTo("Authorization");
        assertThat(api.liveAccess.granted()).isEmpty();
    }

    @Test
    void liveAccess_tokenTheIdentityPoolRefuses_is403AndGrantsNothing() {
        Response response = post(Map.of("Authorization", "forged"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("message").asText()).contains("sign in again");
        assertThat(api.liveAccess.granted()).isEmpty();
    }

    @Test
    void liveAccess_awsUnreachable_is503WithoutItsDetails() {
        api.liveAccess.accept("id.token.sig", IDENTITY);
        api.liveAccess.failWith(new LiveDataAccess.GrantFailedException(
                "IoT AttachPolicy of secret-policy failed: arn:aws:iot:...", null));

        Response response = post(Map.of("Authorization", "id.token.sig"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("LIVE_ACCESS_FAILED");
        assertThat(response.body()).doesNotContain("secret-policy").doesNotContain("arn:");
    }

    @Test
    void liveAccess_onlyTakesPost() {
        Response response = api.call("GET", "/live-access");

        assertThat(response.status()).isEqualTo(405);
    }
}
