package dlt.aws.iot;

import dlt.core.port.LiveDataAccess;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@link LiveDataAccess} on AWS. IoT Core lets a Cognito identity subscribe only with an IoT policy
 * attached to that identity (its IAM role is not enough), so: the identity pool names the identity that
 * belongs to the caller's ID token ({@code GetId}, which also proves the token is valid and from our user
 * pool), and the stack's live-data policy is attached to exactly that identity ({@code AttachPolicy},
 * which does nothing when it is attached already).
 */
public final class IotPolicyLiveDataAccess implements LiveDataAccess {

    /** Where the grant goes: the identity pool, the user pool as it knows it, and the IoT policy. */
    public record Target(String identityPoolId, String signInProvider, String iotPolicyName) {
        public Target {
            Objects.requireNonNull(identityPoolId, "identityPoolId");
            Objects.requireNonNull(signInProvider, "signInProvider");
            Objects.requireNonNull(iotPolicyName, "iotPolicyName");
        }
    }

    private final CognitoIdentityClient identities;
    private final IotClient iot;
    private final Target target;

    public IotPolicyLiveDataAccess(CognitoIdentityClient identities, IotClient iot, Target target) {
        this.identities = identities;
        this.iot = iot;
        this.target = target;
    }

    @Override
    public Optional<String> grant(String signInToken) {
        String identityId = identityOf(signInToken);
        try {
            iot.attachPolicy(b -> b.policyName(target.iotPolicyName()).target(identityId));
        } catch (SdkException e) {
            throw new GrantFailedException("IoT AttachPolicy of " + target.iotPolicyName() + " to " + identityId
                    + " failed: " + e.getMessage(), e);
        }
        return Optional.of(identityId);
    }

    private String identityOf(String signInToken) {
        try {
            return identities.getId(b -> b.identityPoolId(target.identityPoolId())
                    .logins(Map.of(target.signInProvider(), signInToken))).identityId();
        } catch (NotAuthorizedException | InvalidParameterException e) {
            throw new SignInRejectedException("the identity pool refused the token: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new GrantFailedException("Cognito GetId in " + target.identityPoolId() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
