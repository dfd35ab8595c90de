package io.omnigate.events;

import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.DatabaseOutage;
import io.omnigate.platform.ProblemException;
import io.omnigate.platform.ProblemMappers;
import io.omnigate.platform.RouteProblems;
import io.omnigate.security.CallerScope;
import io.omnigate.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/orders/{id}/events} and {@code GET /v1/locations/{id}/events} (DESIGN.md §4).
 *
 * <p>Plain Vert.x routes rather than REST resources: a stream writes comment heartbeats, watches
 * its socket's write queue and closes itself, which the REST layer's SSE sink does not offer.
 * They authenticate like every other endpoint (bearer header, or {@code ?access_token=}) and
 * answer refusals with the same problem documents.
 */
@ApplicationScoped
class EventStreamRoutes {

    private static final Logger LOG = Logger.getLogger(EventStreamRoutes.class);
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    static final String LAST_EVENT_ID_PARAMETER = "lastEventId";

    /** What a caller may open: the audience it gets, and when its token stops being valid. */
    private record Grant(EventStream.Audience audience, Long expiresAtMillis, String holder) {
        static Grant of(SecurityIdentity identity, EventStream.Audience audience) {
            Long expires = identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                    ? token.getExpirationTime() * 1000
                    : null;
            // One token, one quota: its jti, or the principal for the bootstrap secret.
            String holder = identity.getPrincipal() instanceof JsonWebToken token && token.getTokenID() != null
                    ? token.getTokenID()
                    : identity.getPrincipal().getName();
            return new Grant(audience, expires, holder);
        }
    }

    private final StreamHub hub;
    private final OutboxRelay relay;
    private final EventStore store;
    private final NetworkIndex network;
    private final EventsConfig config;
    private final StreamQuota quota;

    EventStreamRoutes(
            StreamHub hub,
            OutboxRelay relay,
            EventStore store,
            NetworkIndex network,
            EventsConfig config,
            StreamQuota quota) {
        this.quota = quota;
        this.hub = hub;
        this.relay = relay;
        this.store = store;
        this.network = network;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.get("/v1/orders/:id/events").handler(ctx -> open(ctx, true));
        router.get("/v1/locations/:id/events").handler(ctx -> open(ctx, false));
    }

    private void open(RoutingContext ctx, boolean order) {
        Context context = Vertx.currentContext();
        String id = ctx.pathParam("id");
        Long lastEventId;
        try {
            lastEventId = lastEventId(ctx);
        } catch (ProblemException e) {
            reply(ctx, e);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, null)
                .chain(identity -> order ? authorizeOrder(identity, id) : authorizeLocation(identity, id))
                .subscribe()
                .with(
                        grant -> context.runOnContext(v -> stream(ctx, context, id, grant, lastEventId)),
                        failure -> context.runOnContext(v -> refuse(ctx, failure)));
    }

    private Uni<Grant> authorizeOrder(SecurityIdentity identity, String orderId) {
        CallerScope caller = CallerScope.of(identity);
        caller.requireOrder(orderId);
        EventStream.Audience audience =
                caller.isAdmin() ? EventStream.Audience.ORDER_OPERATOR : EventStream.Audience.ORDER;
        return store.orderExists(orderId).map(exists -> {
            if (!exists) {
                throw ProblemException.notFound("Order", orderId);
            }
            return Grant.of(identity, audience);
        });
    }

    private Uni<Grant> authorizeLocation(SecurityIdentity identity, String locationId) {
        CallerScope caller = CallerScope.of(identity);
        String role = caller.role();
        if (!List.of(Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT).contains(role)) {
            throw new ForbiddenException();
        }
        caller.requireLocation(locationId);
        if (network.get(locationId).isEmpty()) {
            throw ProblemException.notFound("Location", locationId);
        }
        EventStream.Audience audience =
                Roles.PICKUP_POINT.equals(role) ? EventStream.Audience.PICKUP_POINT : EventStream.Audience.LOCATION;
        return Uni.createFrom().item(Grant.of(identity, audience));
    }

    private void stream(RoutingContext ctx, Context context, String key, Grant grant, Long lastEventId) {
        if (ctx.response().closed()) {
            return;
        }
        if (!quota.admit(grant.holder())) {
            reply(
                    ctx,
                    ProblemException.tooManyAttempts(
                            "too-many-streams",
                            "This token already holds " + quota.limit() + " open streams here; close one first.",
                            Math.max(1, config.retry().toSeconds())));
            return;
        }
        EventStream.Audience audience = grant.audience();
        EventStream stream = new EventStream(
                key,
                audience,
                context,
                ctx.response(),
                config.subscriberBuffer(),
                event -> hub.render(event, audience));
        stream.open(
                config.retry().toMillis(),
                () -> {
                    hub.unregister(stream);
                    quota.release(grant.holder());
                },
                hub::dropped);
        if (grant.expiresAtMillis() != null) {
            stream.closeAt(grant.expiresAtMillis());
        }
        hub.register(stream);
        long upTo = relay.delivered();
        boolean order = audience.followsOrder();
        if (lastEventId == null) {
            if (order) {
                // A customer's stream always starts with the order's story so far, from its history.
                stream.replay(0, upTo, config.batchSize(), orderPages(key));
            } else {
                stream.goLive();
            }
            return;
        }
        store.position()
                .subscribe()
                .with(
                        position -> context.runOnContext(v -> resume(stream, key, order, lastEventId, upTo, position)),
                        failure -> context.runOnContext(v -> stream.close()));
    }

    /**
     * Replays after the client's Last-Event-ID. It says so first when that is no longer possible:
     * events after it were pruned (locations; orders replay from their history), or it is ahead of
     * the database's numbering (a failover or restore lost commits), when the replay restarts.
     */
    private void resume(
            EventStream stream, String key, boolean order, long lastEventId, long upTo, EventStore.Position position) {
        long after = lastEventId;
        if (lastEventId > position.lastSeq()) {
            stream.notice(
                    "stream.reset",
                    Json.encode(Map.of(
                            "reason",
                            "Last-Event-ID " + lastEventId + " is ahead of the events this service holds",
                            "lastSeq",
                            position.lastSeq())));
            after = order ? 0 : position.lastSeq();
        } else if (!order && lastEventId < position.prunedThrough()) {
            stream.notice(
                    "stream.reset",
                    Json.encode(Map.of(
                            "reason",
                            "events up to seq " + position.prunedThrough() + " were pruned",
                            "prunedThrough",
                            position.prunedThrough())));
        }
        stream.replay(after, upTo, config.batchSize(), order ? orderPages(key) : locationPages(key));
    }

    private BiFunction<Long, Long, Uni<List<OutboxEvent>>> orderPages(String orderId) {
        return (from, to) -> store.orderEvents(orderId, from, to, config.batchSize());
    }

    private BiFunction<Long, Long, Uni<List<OutboxEvent>>> locationPages(String locationId) {
        return (from, to) -> store.locationEvents(locationId, from, to, config.batchSize());
    }

    private static Long lastEventId(RoutingContext ctx) {
        String value = ctx.request().getHeader(LAST_EVENT_ID_HEADER);
        if (value == null) {
            value = ctx.request().getParam(LAST_EVENT_ID_PARAMETER);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(LAST_EVENT_ID_PARAMETER, "must be the seq of an event (a whole number >= 0)");
    }

    private void refuse(RoutingContext ctx, Throwable failure) {
        if (ctx.response().headWritten()) {
            return; // the authentication layer has answered already
        }
        if (failure instanceof ProblemException problem) {
            reply(ctx, problem);
        } else if (failure instanceof ForbiddenException) {
            reply(ctx, ProblemException.forbidden());
        } else if (failure instanceof UnauthorizedException
                || failure instanceof io.quarkus.security.AuthenticationFailedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            reply(ctx, ProblemException.unauthorized());
        } else {
            long retryAfter = Math.max(1, config.retry().toSeconds());
            // The caller's own input (a NUL in the id) is a 400; the database being away a 503.
            Optional<ProblemException> expected = ProblemMappers.expected(failure, retryAfter);
            if (expected.isPresent()) {
                if (DatabaseOutage.causedBy(failure)) {
                    LOG.warnf("Could not open the stream %s: the database is away", ctx.normalizedPath());
                }
                reply(ctx, expected.get());
            } else {
                LOG.errorf(failure, "Could not open the stream %s", ctx.normalizedPath());
                reply(ctx, ProblemException.unavailable("unavailable", "Try again shortly.", retryAfter));
            }
        }
    }

    private static void reply(RoutingContext ctx, ProblemException e) {
        if (e.retryAfterSeconds() >= 0 && !ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        RouteProblems.send(ctx, e);
    }
}
