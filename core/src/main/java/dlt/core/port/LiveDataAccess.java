package dlt.core.port;

import java.util.Optional;

/**
 * Lets a signed-in person receive the live data of running tests (the topics {@code dlt/{testId}}). On
 * AWS the console subscribes to IoT Core with its Cognito identity, which may only do so once the
 * stack's IoT policy is attached to that identity; locally the embedded broker takes anonymous loopback
 * clients, so there is nothing to grant.
 */
public interface LiveDataAccess {

    /**
     * Grants the holder of {@code signInToken} (the console's ID token) access to the live topics;
     * granting again is harmless.
     *
     * @return the identity the access was granted to, which the console gets its broker credentials
     *         for; empty when the broker needs no identity
     * @throws SignInRejectedException when the token is not one this deployment's sign-in accepts
     * @throws GrantFailedException    when the identity service or the broker could not be reached or refused
     */
    Optional<String> grant(String signInToken);

    /** The sign-in token was refused: expired, malformed, or from another user pool. */
    final class SignInRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SignInRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The grant could not be made for a reason on AWS's side; trying again later may work. */
    final class GrantFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public GrantFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
