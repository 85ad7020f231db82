package dlt.core.port.memory;

import dlt.core.port.LiveDataAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Grants to the identities it was told tokens belong to, records each grant, refuses unknown tokens as
 * the identity service would, and can be told to fail as an unreachable one would.
 */
public final class RecordingLiveDataAccess implements LiveDataAccess {

    private final Map<String, String> identitiesByToken = new ConcurrentHashMap<>();
    private final List<String> granted = new ArrayList<>();
    private RuntimeException failure;

    /** Tokens given here are accepted as {@code identityId}'s. */
    public RecordingLiveDataAccess accept(String token, String identityId) {
        identitiesByToken.put(token, identityId);
        return this;
    }

    @Override
    public synchronized Optional<String> grant(String signInToken) {
        if (failure != null) {
            throw failure;
        }
        String identity = identitiesByToken.get(signInToken);
        if (identity == null) {
            throw new SignInRejectedException("unknown token", null);
        }
        granted.add(identity);
        return Optional.of(identity);
    }

    public synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Every identity granted access, in order (repeats included). */
    public synchronized List<String> granted() {
        return List.copyOf(granted);
    }
}
