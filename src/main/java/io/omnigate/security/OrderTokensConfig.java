package io.omnigate.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Where the key of order access tokens comes from. */
@ConfigMapping(prefix = "omnigate.order-tokens")
public interface OrderTokensConfig {

    /**
     * A secret (32+ characters) every instance shares, from which the HMAC key of order tokens is
     * derived; unset, the key is derived from the token signing key ({@code smallrye.jwt.sign.key.location}).
     * Changing it revokes every order token issued before.
     */
    Optional<String> secret();
}
