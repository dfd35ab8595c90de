package io.omnigate.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of token authentication that are not SmallRye JWT's own. */
@ConfigMapping(prefix = "omnigate.auth")
public interface AuthConfig {

    /**
     * The bootstrap admin secret, accepted as a bearer token with role admin. When unset, one is
     * generated once into {@code <omnigate.data-dir>/bootstrap-token}.
     */
    Optional<String> bootstrapToken();

    /**
     * Whether the bootstrap secret is accepted at all: turn it off once a minted admin token
     * exists, so a leaked secret file opens nothing.
     */
    @WithDefault("true")
    boolean bootstrapEnabled();

    /** The longest lifetime a minted admin token may have (also its default). */
    @WithDefault("PT1H")
    Duration maxAdminTtl();

    /** Verified bearer tokens remembered at most, so a token's RS256 signature is checked once, not per call. */
    @WithDefault("10000")
    int verifiedTokenCacheSize();

    /**
     * How long a verified token is remembered at most; never past its own {@code exp}. Zero turns
     * the cache off.
     */
    @WithDefault("PT1M")
    Duration verifiedTokenCacheTtl();
}
