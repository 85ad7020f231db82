package dlt.api.usecase;

import dlt.core.port.LiveDataAccess;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * {@code POST /live-access} (ours): lets the signed-in caller's console subscribe to the live topics. On
 * AWS the console's Cognito identity needs the stack's IoT policy before IoT Core lets it subscribe;
 * attaching it here, for the caller's own identity only, means the console's role never holds
 * {@code iot:AttachPolicy} (which would let any user attach any policy).
 */
public final class GrantLiveData {

    private static final System.Logger LOG = System.getLogger(GrantLiveData.class.getName());

    private final Ports ports;

    public GrantLiveData(Ports ports) {
        this.ports = ports;
    }

    /**
     * @param authorization the request's Authorization header: the ID token, bare (as API Gateway's
     *                      Cognito authorizer takes it) or after {@code Bearer }
     * @return the identity granted; empty when the broker needs none (locally)
     */
    public Optional<String> grant(String authorization) {
        String token = tokenOf(authorization);
        try {
            return ports.liveAccess().grant(token);
        } catch (LiveDataAccess.SignInRejectedException e) {
            throw new ApiException(ErrorCode.SIGN_IN_REJECTED, "Authorization",
                    "the sign-in token was not accepted for live data; sign in again");
        } catch (LiveDataAccess.GrantFailedException e) {
            LOG.log(Level.WARNING, "live-data access could not be granted", e);
            throw new ApiException(ErrorCode.LIVE_ACCESS_FAILED, null,
                    "live data could not be opened to you right now; try again in a minute");
        }
    }

    private static String tokenOf(String authorization) {
        String value = authorization == null ? "" : authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        if (value.isEmpty()) {
            throw new ApiException(ErrorCode.SIGN_IN_REJECTED, "Authorization",
                    "the Authorization header must carry your sign-in token");
        }
        if (value.length() > 16_384) {
            throw new ApiException(ErrorCode.SIGN_IN_REJECTED, "Authorization",
                    "the Authorization header is longer than any sign-in token (16384 characters)");
        }
        return value;
    }
}
