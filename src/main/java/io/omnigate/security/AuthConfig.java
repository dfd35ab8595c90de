package io.omnigate.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Settings of token authentication that are not SmallRye JWT's own. */
@ConfigMapping(prefix = "omnigate.auth")
public interface AuthConfig {

    /**
     * The bootstrap admin secret, accepted as a bearer token with role admin. When unset, one is
     * generated once into {@code <omnigate.data-dir>/bootstrap-token}.
     */
    Optional<String> bootstrapToken();
}
