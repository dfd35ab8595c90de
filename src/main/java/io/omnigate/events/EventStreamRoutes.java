package io.omnigate.events;

import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.Problem;
import io.omnigate.platform.ProblemException;
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

    private final StreamHub hub;
    private final OutboxRelay relay;
    private final EventStore store;
    private final NetworkIndex network;
    private final EventsConfig config;

    EventStreamRoutes(StreamHub hub, OutboxRelay relay, EventStore store, NetworkIndex network, EventsConfig config) {
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
                        audience -> context.runOnContext(v -> stream(ctx, context, id, audience, lastEventId)),
                        failure -> context.runOnContext(v -> refuse(ctx, failure)));
    }

    private Uni<EventStream.Audience> authorizeOrder(SecurityIdentity identity, String orderId) {
        CallerScope.of(identity).requireOrder(orderId);
        return store.orderExists(orderId).map(exists -> {
            if (!exists) {
                throw ProblemException.notFound("Order", orderId);
            }
            return EventStream.Audience.ORDER;
        });
    }

    private Uni<EventStream.Audience> authorizeLocation(SecurityIdentity identity, String locationId) {
        CallerScope caller = CallerScope.of(identity);
        String role = caller.role();
        if (!List.of(Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT).contains(role)) {
            throw new ForbiddenException();
        }
        caller.requireLocation(locationId);
        if (network.get(locationId).isEmpty()) {
            throw ProblemException.notFound("Location", locationId);
        }
        return Uni.createFrom()
                .item(
                        Roles.PICKUP_POINT.equals(role)
                                ? EventStream.Audience.PICKUP_POINT
                                : EventStream.Audience.LOCATION);
    }

    private void stream(
            RoutingContext ctx, Context context, String key, EventStream.Audience audience, Long lastEventId) {
        if (ctx.response().closed()) {
            return;
        }
        EventStream stream = new EventStream(
                key,
                audience,
                context,
                ctx.response(),
                config.subscriberBuffer(),
                event -> hub.render(event, audience));
        stream.open(config.retry().toMillis(), () -> hub.unregister(stream), hub::dropped);
        hub.register(stream);
        long upTo = relay.delivered();
        if (audience == EventStream.Audience.ORDER) {
            // A customer's stream always starts with the order's story so far, from its history.
            long after = lastEventId == null ? 0 : lastEventId;
            stream.replay(
                    after,
                    upTo,
                    config.batchSize(),
                    (from, to) -> store.orderEvents(key, from, to, config.batchSize()));
        } else if (lastEventId == null) {
            stream.goLive();
        } else {
            store.position()
                    .subscribe()
                    .with(
                            position -> context.runOnContext(v -> {
                                if (lastEventId < position.prunedThrough()) {
                                    stream.notice(
                                            "stream.reset",
                                            Json.encode(Map.of(
                                                    "reason",
                                                    "events up to seq " + position.prunedThrough() + " were pruned",
                                                    "prunedThrough",
                                                    position.prunedThrough())));
                                }
                                stream.replay(
                                        lastEventId,
                                        upTo,
                                        config.batchSize(),
                                        (from, to) -> store.locationEvents(key, from, to, config.batchSize()));
                            }),
                            failure -> context.runOnContext(v -> stream.close()));
        }
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
            LOG.errorf(failure, "Could not open the stream %s", ctx.normalizedPath());
            reply(ctx, new ProblemException(503, "unavailable", "Stream unavailable", "Try again shortly."));
        }
    }

    private static void reply(RoutingContext ctx, ProblemException e) {
        if (ctx.response().headWritten() || ctx.response().closed()) {
            return;
        }
        Problem problem = e.toProblem(ctx.normalizedPath());
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
