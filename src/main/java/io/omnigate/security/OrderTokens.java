package io.omnigate.security;

import io.quarkus.runtime.Startup;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Order access tokens signed with HMAC-SHA256 instead of RSA: a placement at 1,000 orders/s cannot
 * afford an RS256 signature each. The key is derived from the deployment's token signing key (or
 * {@code omnigate.order-tokens.secret}), so every instance sharing those keys verifies every
 * other's tokens. A token reads {@code ot1.<orderId>.<expiry>.<jti>.<mac>}; it carries a {@code jti}
 * like a minted token, and rotating the signing key (or the secret) revokes all order tokens at once.
 */
@Startup // built at start-up: the key file is read once, never on an event loop
@Singleton
public class OrderTokens {

    /** Every order token starts with this; a JWT never does (JWTs start with {@code eyJ}). */
    public static final String PREFIX = "ot1.";

    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 512;

    private final SecretKeySpec key;

    OrderTokens(
            OrderTokensConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKey) {
        byte[] secret =
                DeploymentSecret.material(config.secret(), "omnigate.order-tokens.secret", signKeyLocation, signKey);
        this.key = new SecretKeySpec(DeploymentSecret.derive("omnigate order tokens v1", secret), MAC);
    }

    /** Whether {@code token} is an order token rather than a JWT. */
    public static boolean isOrderToken(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** A token opening exactly {@code orderId} until {@code ttl} has passed. */
    public String mint(String orderId, Duration ttl) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is required");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        return mintUntil(orderId, Instant.now().plus(ttl));
    }

    String mintUntil(String orderId, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        byte[] jti = new byte[12];
        ThreadLocalRandom.current().nextBytes(jti);
        String body = PREFIX + B64.encodeToString(orderId.getBytes(StandardCharsets.UTF_8)) + "."
                + Long.toString(expires, 36) + "." + B64.encodeToString(jti);
        return body + "." + B64.encodeToString(mac(body));
    }

    /**
     * The token without its signature: what an idempotency record keeps so that a replay can answer
     * with the same token ({@link #resigned}) while the database holds no usable credential. Any
     * other text comes back unchanged.
     */
    public static String unsigned(String token) {
        if (!isOrderToken(token) || dots(token) != 4) {
            return token;
        }
        return token.substring(0, token.lastIndexOf('.'));
    }

    /**
     * The token {@link #unsigned} was made from, signed again with this deployment's key; a token
     * that still carries its signature (a record written before records kept none) comes back as it is.
     */
    public String resigned(String unsignedToken) {
        if (!isOrderToken(unsignedToken) || dots(unsignedToken) != 3) {
            return unsignedToken;
        }
        return unsignedToken + "." + B64.encodeToString(mac(unsignedToken));
    }

    private static int dots(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }

    /** The identity an intact, unexpired order token stands for; empty for anything else. */
    public Optional<QuarkusSecurityIdentity> verify(String token) {
        if (!isOrderToken(token) || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < PREFIX.length()) {
            return Optional.empty();
        }
        String body = token.substring(0, lastDot);
        String[] parts = body.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] presented = B64_DECODER.decode(token.substring(lastDot + 1));
            if (!MessageDigest.isEqual(presented, mac(body))) {
                return Optional.empty();
            }
            String orderId = new String(B64_DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            long expires = Long.parseLong(parts[1], 36);
            if (expires <= Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(identity(token, orderId, expires, parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static QuarkusSecurityIdentity identity(String token, String orderId, long expires, String jti) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("order@" + orderId);
        claims.setClaim(Roles.ORDER_CLAIM, orderId);
        claims.setClaim("groups", Set.of(Roles.ORDER));
        claims.setJwtId(jti);
        claims.setExpirationTime(NumericDate.fromSeconds(expires));
        DefaultJWTCallerPrincipal principal = new DefaultJWTCallerPrincipal(token, "JWT", claims);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRole(Roles.ORDER)
                .build();
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
