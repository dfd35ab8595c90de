package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 17, limits: the bootstrap secret can be turned off once an admin token exists. */
class BootstrapSwitchTest {

    private static final String SECRET = "a-bootstrap-secret-of-some-length";

    private static AuthConfig config(boolean enabled) {
        return new AuthConfig() {
            @Override
            public Optional<String> bootstrapToken() {
                return Optional.of(SECRET);
            }

            @Override
            public boolean bootstrapEnabled() {
                return enabled;
            }

            @Override
            public Duration maxAdminTtl() {
                return Duration.ofHours(1);
            }

            @Override
            public int verifiedTokenCacheSize() {
                return 10;
            }

            @Override
            public Duration verifiedTokenCacheTtl() {
                return Duration.ZERO;
            }
        };
    }

    @Test
    void theSecretOpensNothingOnceTurnedOff() {
        assertTrue(new BootstrapToken(config(true), null).matches(SECRET));
        assertFalse(new BootstrapToken(config(false), null).matches(SECRET));
        assertFalse(new BootstrapToken(config(false), null).matches(null));
    }
}
