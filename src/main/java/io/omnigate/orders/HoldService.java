package io.omnigate.orders;

import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import io.omnigate.platform.PeriodicSweep;
import io.omnigate.platform.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private static final int SWEEP_BATCH = 500;

    private static final String DUE = "select id from hold where status = 'ACTIVE' and expires_at <= now()"
            + " order by id limit " + SWEEP_BATCH + " for update skip locked";

    private static final String ANY_DUE =
            "select exists (select 1 from hold where status = 'ACTIVE' and expires_at <= now())";

    private final OrderRepository orders;
    private final Reservations reservations;
    private final Sourcing sourcing;
    private final OrdersConfig config;
    private final Vertx vertx;
    private PeriodicSweep sweeper;

    HoldService(
            OrderRepository orders, Reservations reservations, Sourcing sourcing, OrdersConfig config, Vertx vertx) {
        this.orders = orders;
        this.reservations = reservations;
        this.sourcing = sourcing;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweeper = PeriodicSweep.every(
                vertx,
                config.sweepInterval(),
                "Hold sweep",
                () -> expireDue()
                        .chain(() -> orders.pool()
                                .preparedQuery(
                                        "delete from idempotency_key where created_at < now() - make_interval(secs => $1)")
                                .execute(Tuple.of(
                                        (double) config.idempotencyRetention().getSeconds()))));
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /** Releases holds whose TTL has passed; one cheap indexed query when none is due. */
    public Uni<Void> expireDue() {
        return orders.pool()
                .query(ANY_DUE)
                .execute()
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? releaseDue()
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> releaseDue() {
        return orders.inTransaction(conn -> conn.preparedQuery(DUE).execute().chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            List<String> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getString("id")));
            return release(conn, ids, "EXPIRED");
        }));
    }

    private Uni<Void> release(SqlConnection conn, List<String> ids, String status) {
        return reservations
                .releaseOwned(conn, Reservations.OwnerColumn.HOLD, ids, status)
                .chain(() -> conn.preparedQuery("update hold set status = $2 where id = any($1)")
                        .execute(Tuple.of(ids.toArray(String[]::new), status)))
                .replaceWithVoid();
    }

    /**
     * Lets an order take over its hold in the order's transaction: the hold's units are released
     * so the order reserves them again under the same locks. An expired hold counts as released.
     */
    public Uni<Void> consumeForOrder(SqlConnection conn, String holdId, String orderId) {
        if (holdId == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("select status, expires_at <= now() as expired from hold where id = $1 for update")
                .execute(Tuple.of(holdId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.unprocessable(
                                "unknown-reference", "Unknown hold", "Hold '" + holdId + "' does not exist.");
                    }
                    Row hold = rows.iterator().next();
                    String status = hold.getString("status");
                    if ("CONSUMED".equals(status)) {
                        throw ProblemException.conflict(
                                "hold-consumed",
                                "Hold already used",
                                "Hold '" + holdId + "' was used by another order.");
                    }
                    if (!"ACTIVE".equals(status)) {
                        return Uni.createFrom().voidItem();
                    }
                    if (hold.getBoolean("expired")) {
                        return release(conn, List.of(holdId), "EXPIRED");
                    }
                    return release(conn, List.of(holdId), "CONSUMED")
                            .chain(() -> conn.preparedQuery("update hold set order_id = $2 where id = $1")
                                    .execute(Tuple.of(holdId, orderId)))
                            .replaceWithVoid();
                });
    }

    public Uni<OrderApi.HoldView> create(OrderApi.HoldRequest request) {
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
        String holdId = "H-" + UUID.randomUUID();
        long ttl = request.ttlSeconds() == null ? config.defaultHoldTtl().getSeconds() : request.ttlSeconds();
        Instant expiresAt = Instant.now().plusSeconds(ttl);
        return expireDue()
                .chain(() -> orders.inTransaction(conn -> {
                    Uni<List<Sourcing.Allocation>> allocated;
                    if (pickup != null) {
                        allocated = Uni.createFrom()
                                .item(List.of(new Sourcing.Allocation(sourcing.stockLocation(pickup), lines)));
                    } else {
                        List<Nearby> candidates = sourcing.shipCandidates(
                                request.method(),
                                request.destination().lat(),
                                request.destination().lon(),
                                Set.of());
                        allocated = sourcing.plan(conn, candidates, lines).map(plan -> {
                            if (!plan.complete()) {
                                throw Sourcing.insufficientStock(
                                        lines, OrderService.uncovered(lines, Sourcing.allocations(plan)));
                            }
                            return Sourcing.allocations(plan);
                        });
                    }
                    return allocated.chain(allocations -> {
                        List<Reservations.Claim> claims = new ArrayList<>();
                        List<OrderApi.FulfillmentView> views = new ArrayList<>();
                        for (Sourcing.Allocation a : allocations) {
                            a.lines()
                                    .forEach(l -> claims.add(new Reservations.Claim(
                                            null, a.location().id(), l.sku(), OrderApi.LineMode.STOCK, l.qty())));
                            views.add(new OrderApi.FulfillmentView(
                                    null,
                                    a.location().id(),
                                    request.method(),
                                    null,
                                    null,
                                    OrderService.lineViews(a.lines())));
                        }
                        return conn.preparedQuery("insert into hold (id, status, expires_at) values ($1, 'ACTIVE', $2)")
                                .execute(Tuple.of(holdId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
                                .chain(() -> reservations.reserve(conn, Reservations.Owner.hold(holdId), claims))
                                .map(shortages -> {
                                    if (!shortages.isEmpty()) {
                                        Set<String> skus = new TreeSet<>();
                                        shortages.forEach(s -> skus.add(s.sku()));
                                        throw Sourcing.insufficientStock(lines, skus);
                                    }
                                    return new OrderApi.HoldView(holdId, "ACTIVE", expiresAt, views);
                                });
                    });
                }));
    }

    /** Gives a hold's stock back before its TTL (the shopper left). */
    public Uni<Void> releaseHold(String holdId) {
        return orders.inTransaction(conn -> conn.preparedQuery("select status from hold where id = $1 for update")
                .execute(Tuple.of(holdId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Hold", holdId);
                    }
                    if (!"ACTIVE".equals(rows.iterator().next().getString("status"))) {
                        return Uni.createFrom().voidItem();
                    }
                    return release(conn, List.of(holdId), "RELEASED");
                }));
    }
}
