package dlt.local.live;

import dlt.core.port.LiveDataAccess;
import java.util.Optional;

/**
 * Live-data access on the local platform: the embedded broker takes anonymous loopback clients, so a
 * caller the API let in (its bearer token checked) needs no identity and nothing is granted.
 */
public final class OpenBrokerAccess implements LiveDataAccess {

    @Override
    public Optional<String> grant(String signInToken) {
        return Optional.empty();
    }
}
