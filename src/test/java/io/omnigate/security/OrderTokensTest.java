package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class OrderTokensTest {

    private final OrderTokens tokens = new OrderTokens(
            () -> Optional.of("a shared secret of more than thirty-two characters"),
            Optional.empty(),
            Optional.empty());

    @Test
    void aTokenOpensItsOrderUntilItExpires() {
        String token = tokens.mint("O-123", Duration.ofMinutes(5));
        var identity = tokens.verify(token).orElseThrow();
        assertTrue(identity.hasRole(Roles.ORDER));
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        assertEquals("O-123", jwt.getClaim(Roles.ORDER_CLAIM).toString());
        assertTrue(jwt.getExpirationTime() > System.currentTimeMillis() / 1000);
        assertTrue(jwt.getTokenID() != null && !jwt.getTokenID().isEmpty());
    }

    @Test
    void anythingElseIsRefused() {
        String token = tokens.mint("O-123", Duration.ofMinutes(5));
        String other = new OrderTokens(
                        () -> Optional.of("another shared secret of more than thirty-two chars"),
                        Optional.empty(),
                        Optional.empty())
                .mint("O-123", Duration.ofMinutes(5));
        assertTrue(tokens.verify(other).isEmpty(), "another deployment's key");
        String[] parts = token.split("\\.");
        String forged =
                "ot1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("O-999".getBytes()) + "."
                        + parts[2] + "." + parts[3] + "." + parts[4];
        assertTrue(tokens.verify(forged).isEmpty(), "another order under the same mac");
        for (String bad : new String[] {"ot1.", "ot1.x", "ot1.a.b", "ot1.a.b.c.d", "ot1.!!.zz.yy.xx", "eyJhbGciOi"}) {
            assertTrue(tokens.verify(bad).isEmpty(), bad);
        }
        String expired = tokens.mintUntil("O-123", java.time.Instant.now().minusSeconds(1));
        assertTrue(tokens.verify(expired).isEmpty(), "expired");
    }
}
