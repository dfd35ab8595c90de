package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private static SecurityIdentity jwt(String name, Instant exp) {
        JsonWebToken token = new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of(Claims.exp.name());
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return Claims.exp.name().equals(claimName) ? (T) Long.valueOf(exp.getEpochSecond()) : null;
            }
        };
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRole(Roles.CHECKOUT)
                .build();
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItsOwnExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofHours(1), clock);
        SecurityIdentity identity = jwt("checkout", NOW.plusSeconds(60));
        tokens.put("token-a", identity);

        assertSame(identity, tokens.get("token-a"));
        assertNull(tokens.get("token-b"), "keyed by the whole token string");
        now.set(NOW.plusSeconds(60));
        assertNull(tokens.get("token-a"), "gone at exp");
    }

    @Test
    void theTtlCapsTheStayAndExpiredOrForeignIdentitiesAreNotKept() {
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(30), clock);
        tokens.put("long", jwt("long", NOW.plusSeconds(3600)));
        tokens.put("expired", jwt("expired", NOW.minusSeconds(1)));
        tokens.put(
                "bootstrap",
                QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("bootstrap-admin"))
                        .build());

        assertEquals(1, tokens.size());
        now.set(NOW.plusSeconds(30));
        assertNull(tokens.get("long"));
    }

    @Test
    void itIsBoundedAndForgetsOnRequest() {
        VerifiedTokens tokens = new VerifiedTokens(2, Duration.ofHours(1), clock);
        tokens.put("a", jwt("a", NOW.plusSeconds(600)));
        tokens.put("b", jwt("b", NOW.plusSeconds(600)));
        tokens.put("c", jwt("c", NOW.plusSeconds(600)));
        assertEquals(1, tokens.size(), "full of live entries: cleared, then the newest kept");

        tokens.forget("c");
        assertNull(tokens.get("c"));
    }
}
