package io.omnigate.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The identities of recently verified bearer tokens, keyed by the whole token string, so the
 * checkout's RS256 signature is verified once per token rather than on every call. An entry lives
 * until the token's own {@code exp} (capped by a TTL) and is gone when the token is; anything that
 * revokes tokens calls {@link #forget} or {@link #forgetAll} so a revoked token cannot pass from here.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;

    @Inject
    VerifiedTokens(AuthConfig config) {
        this(config.verifiedTokenCacheSize(), config.verifiedTokenCacheTtl(), Clock.systemUTC());
    }

    VerifiedTokens(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** The identity of a token verified before and not yet expired; null otherwise. */
    public SecurityIdentity get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified JWT's identity until its {@code exp}; identities without one are not kept. */
    public void put(String token, SecurityIdentity identity) {
        if (ttlMillis <= 0
                || maxEntries <= 0
                || identity == null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        long now = clock.millis();
        long expiresAt = Math.min(jwt.getExpirationTime() * 1000, now + ttlMillis);
        if (jwt.getExpirationTime() <= 0 || expiresAt <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis());
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(identity, expiresAt));
    }

    public void forget(String token) {
        entries.remove(token);
    }

    public void forgetAll() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
