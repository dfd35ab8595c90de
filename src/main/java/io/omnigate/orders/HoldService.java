package io.omnigate.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import io.omnigate.platform.PeriodicSweep;
import io.omnigate.platform.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Cart holds: stock set aside for a checkout session until its TTL. Expired holds are released by
 * a frequent sweeper, and every placement and new hold first releases the holds already due, so
 * an expired hold never blocks a sale even between sweeps.
 */
@ApplicationScoped
public class HoldService {

    /** The caller's key was taken by an earlier request: answer from its record. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    private final OrderRepository orders;
    private final HoldRepository holds;
    private final Reservations reservations;
    private final Sourcing sourcing;
    private final IdempotencyRecords idempotency;
    private final OrdersConfig config;
    private final Vertx vertx;
    private PeriodicSweep sweeper;

    HoldService(
            OrderRepository orders,
            HoldRepository holds,
            Reservations reservations,
            Sourcing sourcing,
            IdempotencyRecords idempotency,
            OrdersConfig config,
            Vertx vertx) {
        this.orders = orders;
        this.holds = holds;
        this.reservations = reservations;
        this.sourcing = sourcing;
        this.idempotency = idempotency;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweeper = PeriodicSweep.every(
                vertx,
                config.sweepInterval(),
                "Hold sweep",
                () -> expireDue().chain(() -> idempotency.sweep(config.idempotencyRetention(), config.sweepBatch())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /**
     * Releases holds whose TTL has passed; one cheap indexed query when none is due. True when
     * some were released (a placement that found no stock may then try once more).
     */
    public Uni<Boolean> expireDue() {
        return holds.anyDue().chain(due -> due ? releaseDue() : Uni.createFrom().item(false));
    }

    private Uni<Boolean> releaseDue() {
        return orders.inTransaction(conn -> holds.lockDue(conn)
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(false)
                        : release(conn, ids, HoldStatus.EXPIRED).replaceWith(true)));
    }

    private Uni<Void> release(SqlConnection conn, List<String> ids, HoldStatus status) {
        return reservations
                .releaseOwned(conn, Reservations.OwnerColumn.HOLD, ids, status.reservations())
                .chain(() -> holds.setStatus(conn, ids, status));
    }

    /**
     * Lets an order take over its hold in the order's transaction: the hold's units are released
     * so the order reserves them again under the same locks. An expired hold counts as released.
     */
    public Uni<Void> consumeForOrder(SqlConnection conn, String holdId, String orderId, OrderPlacement.Placer placer) {
        if (holdId == null) {
            return Uni.createFrom().voidItem();
        }
        return holds.lock(conn, holdId).chain(found -> {
            HoldRepository.LockedHold hold = found.orElseThrow(() -> ProblemException.unprocessable(
                    "unknown-reference", "Unknown hold", "Hold '" + holdId + "' does not exist."));
            requireOwner(hold, placer);
            return switch (hold.status()) {
                case CONSUMED ->
                    throw ProblemException.conflict(
                            "hold-consumed", "Hold already used", "Hold '" + holdId + "' was used by another order.");
                case RELEASED, EXPIRED -> Uni.createFrom().voidItem();
                case ACTIVE ->
                    hold.expired()
                            ? release(conn, List.of(holdId), HoldStatus.EXPIRED)
                            : release(conn, List.of(holdId), HoldStatus.CONSUMED)
                                    .chain(() -> holds.setOrder(conn, holdId, orderId));
            };
        });
    }

    /** A created hold, and whether it was answered from an earlier request with the same key. */
    public record Created(OrderApi.HoldView hold, boolean replayed) {}

    /**
     * Sets a cart's stock aside for the caller. With an {@code Idempotency-Key} the answer (201, or
     * 409 when the stock is not there) is stored under the caller's key and replayed to retries.
     */
    public Uni<Created> create(OrderPlacement.Placer placer, String key, OrderApi.HoldRequest request) {
        List<OrderApi.Line> lines = Sourcing.merge(request.lines());
        for (OrderApi.Line line : lines) {
            if (line.modeOrStock() != OrderApi.LineMode.STOCK) {
                throw ProblemException.invalid("lines", "a hold reserves on-hand stock only");
            }
        }
        Location pickup;
        if (request.method().isPickup()) {
            pickup = sourcing.pickupPoint(request.method(), request.locationId());
        } else {
            pickup = null;
            if (request.destination() == null) {
                throw ProblemException.invalid("destination", "is required for method " + request.method());
            }
        }
        IdempotencyRecords.Scope scope = key == null
                ? null
                : new IdempotencyRecords.Scope(
                        placer.caller(),
                        IdempotencyRecords.Operation.CREATE_HOLD,
                        key,
                        IdempotencyRecords.hash(orders.encode(request)));
        return expireDue()
                .chain(() -> orders.inTransaction(conn -> allocate(conn, request, lines, pickup)
                        .chain(allocations -> reserve(conn, placer, scope, request, allocations))))
                .map(hold -> new Created(hold, false))
                .onFailure(Sourcing.ShortStock.class)
                .recoverWithUni(failure -> idempotency.refuseShortStock(
                        scope, lines, ((Sourcing.ShortStock) failure).skus(), this::replayed))
                .onFailure(KeyTaken.class)
                .recoverWithUni(() -> idempotency.replay(scope, lines, this::replayed));
    }

    private Created replayed(String response) {
        return new Created(orders.decode(response, new TypeReference<OrderApi.HoldView>() {}), true);
    }

    private Uni<List<Sourcing.Allocation>> allocate(
            SqlConnection conn, OrderApi.HoldRequest request, List<OrderApi.Line> lines, Location pickup) {
        if (pickup != null) {
            return Uni.createFrom().item(List.of(new Sourcing.Allocation(sourcing.stockLocation(pickup), lines)));
        }
        List<Nearby> candidates = sourcing.shipCandidates(
                request.method(),
                request.destination().lat(),
                request.destination().lon(),
                Set.of());
        return sourcing.plan(conn, candidates, lines).map(plan -> {
            if (!plan.complete()) {
                throw new Sourcing.ShortStock(OrderService.uncovered(lines, Sourcing.allocations(plan)), false);
            }
            return Sourcing.allocations(plan);
        });
    }

    private Uni<OrderApi.HoldView> reserve(
            SqlConnection conn,
            OrderPlacement.Placer placer,
            IdempotencyRecords.Scope scope,
            OrderApi.HoldRequest request,
            List<Sourcing.Allocation> allocations) {
        String holdId = "H-" + UUID.randomUUID();
        long ttl = request.ttlSeconds() == null ? config.defaultHoldTtl().getSeconds() : request.ttlSeconds();
        Instant expiresAt = Instant.now().plusSeconds(ttl);
        List<Reservations.Claim> claims = new ArrayList<>();
        List<OrderApi.FulfillmentView> views = new ArrayList<>();
        for (Sourcing.Allocation a : allocations) {
            a.lines()
                    .forEach(l -> claims.add(new Reservations.Claim(
                            null, a.location().id(), l.sku(), OrderApi.LineMode.STOCK, l.qty())));
            views.add(new OrderApi.FulfillmentView(
                    null, a.location().id(), request.method(), null, null, OrderApi.LineView.of(a.lines())));
        }
        OrderApi.HoldView view = new OrderApi.HoldView(holdId, HoldStatus.ACTIVE.name(), expiresAt, views);
        Uni<Boolean> claimed = scope == null
                ? Uni.createFrom().item(true)
                : conn.preparedQuery(IdempotencyRecords.CLAIM)
                        .execute(IdempotencyRecords.claim(scope, 201, orders.encode(view), null))
                        .map(rows -> rows.size() > 0);
        return claimed.invoke(fresh -> {
                    if (!fresh) {
                        throw new KeyTaken();
                    }
                })
                .chain(() -> holds.insert(conn, holdId, expiresAt, placer.caller()))
                .chain(() -> reservations.reserve(conn, Reservations.Owner.hold(holdId), claims))
                .map(shortages -> {
                    if (!shortages.isEmpty()) {
                        Set<String> skus = new TreeSet<>();
                        shortages.forEach(s -> skus.add(s.sku()));
                        throw new Sourcing.ShortStock(skus, true);
                    }
                    return view;
                });
    }

    /** Gives a hold's stock back before its TTL (the shopper left); only its owner or an admin may. */
    public Uni<Void> releaseHold(String holdId, OrderPlacement.Placer placer) {
        return orders.inTransaction(conn -> holds.lock(conn, holdId).chain(found -> {
            HoldRepository.LockedHold hold = found.orElseThrow(() -> ProblemException.notFound("Hold", holdId));
            requireOwner(hold, placer);
            if (!hold.status().isLive()) {
                return Uni.createFrom().voidItem();
            }
            return release(conn, List.of(holdId), HoldStatus.RELEASED);
        }));
    }

    /** A hold belongs to the caller that made it; an admin may act on any (holds from before owners: anyone). */
    private static void requireOwner(HoldRepository.LockedHold hold, OrderPlacement.Placer placer) {
        String owner = hold.owner();
        if (!placer.admin() && owner != null && !owner.equals(placer.caller())) {
            throw ProblemException.forbidden();
        }
    }
}
