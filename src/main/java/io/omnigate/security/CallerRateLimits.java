package io.omnigate.security;

import io.omnigate.platform.ProblemException;
import io.omnigate.platform.RouteProblems;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a caller's request with a 429 problem and {@code Retry-After} once it has used up its
 * token bucket for the endpoint family ({@link RateLimitConfig}). Runs as a Vert.x route after
 * Quarkus' authentication filter and before every resource and stream route, so REST endpoints
 * and SSE opens share one check; anonymous or invalid callers pass on to get their 401.
 *
 * <p>Why not SmallRye Fault Tolerance's {@code @RateLimit}: it limits a method for everyone, not
 * per caller; Bucket4j is not in this build's repositories. The buckets are {@link TokenBuckets}.
 */
@ApplicationScoped
class CallerRateLimits {

    /** After Quarkus' authentication (-200) and authorisation (-100) filters, before the routes. */
    static final int ROUTE_ORDER = -10;

    private final RateLimitConfig config;
    private final TokenBuckets buckets;

    /** A caller's bucket for one family. */
    private record Key(String caller, RateFamily family) {}

    CallerRateLimits(RateLimitConfig config) {
        this.config = config;
        this.buckets = new TokenBuckets(config.maxCallers());
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route().order(ROUTE_ORDER).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        Optional<RateFamily> family = RateFamily.of(ctx.request().method().name(), ctx.normalizedPath());
        if (family.isEmpty()) {
            ctx.next();
            return;
        }
        // Quarkus holds the body paused until a handler reads it, so waiting for the identity is safe.
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null)
                .subscribe()
                .with(
                        identity -> context.runOnContext(v -> decide(ctx, identity, family.get())),
                        failure -> context.runOnContext(v -> ctx.next()));
    }

    private void decide(RoutingContext ctx, SecurityIdentity identity, RateFamily family) {
        if (identity == null || identity.isAnonymous()) {
            ctx.next();
            return;
        }
        TokenBuckets.Decision decision = buckets.take(
                new Key(callerOf(identity), family),
                config.perSecond(family),
                config.burstOf(family),
                System.nanoTime());
        if (decision.admitted()) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(decision.retryAfterNanos() + 999_999_999L));
        ctx.response().putHeader("Retry-After", String.valueOf(seconds));
        String detail = "This caller has sent more " + family.name().toLowerCase() + " requests than it may ("
                + config.perSecond(family) + " a second); retry after " + seconds + " s.";
        RouteProblems.send(ctx, ProblemException.tooManyAttempts("rate-limited", detail, seconds));
    }

    /**
     * The token's subject; minted tokens named after their role only ({@code checkout}) are each
     * their own caller, so two checkout clients do not share a budget.
     */
    static String callerOf(SecurityIdentity identity) {
        String subject = identity.getPrincipal().getName();
        boolean roleOnly = subject == null || Roles.MINTABLE.contains(subject);
        if (roleOnly && identity.getPrincipal() instanceof JsonWebToken token && token.getTokenID() != null) {
            return "jti:" + token.getTokenID();
        }
        return subject == null ? "" : subject;
    }
}
