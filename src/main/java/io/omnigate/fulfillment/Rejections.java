package io.omnigate.fulfillment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.omnigate.inventory.ReservationStatus;
import io.omnigate.network.Nearby;
import io.omnigate.network.NetworkIndex;
import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderRepository;
import io.omnigate.orders.Reason;
import io.omnigate.orders.Reservations;
import io.omnigate.orders.Sourcing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A store that cannot fill a fulfillment (wholly, or short-picked lines) rejects it: the store's
 * stock is corrected, the missing lines are re-routed to the next best location in the same
 * transaction, and the rejected fulfillment stays in the order's history.
 */
@ApplicationScoped
public class Rejections {

    /** What a rejection did: the lines moved elsewhere and those nobody could take. */
    record Outcome(List<OrderApi.LineView> rerouted, List<OrderApi.LineView> unfulfillable) {}

    private final OrderRepository orders;
    private final FulfillmentRepository repository;
    private final Reservations reservations;
    private final Sourcing sourcing;
    private final OrderEvents events;
    private final NetworkIndex network;

    Rejections(
            OrderRepository orders,
            FulfillmentRepository repository,
            Reservations reservations,
            Sourcing sourcing,
            OrderEvents events,
            NetworkIndex network) {
        this.orders = orders;
        this.repository = repository;
        this.reservations = reservations;
        this.sourcing = sourcing;
        this.events = events;
        this.network = network;
    }

    /**
     * Rejects {@code missing} (all lines when null or empty) of a fulfillment the state machine
     * allows to be rejected; the caller holds the order's lock.
     */
    Uni<Outcome> rejectLocked(
            SqlConnection conn,
            OrderRepository.LockedOrder order,
            List<OrderRepository.StoredFulfillment> all,
            String fulfillmentId,
            List<OrderApi.RejectLine> missing,
            Reason reason) {
        OrderRepository.StoredFulfillment target = all.stream()
                .filter(x -> x.id().equals(fulfillmentId))
                .findFirst()
                .orElseThrow();
        Shortfall shortfall = Shortfall.of(target, missing);
        Set<String> excluded = new HashSet<>();
        excluded.add(target.locationId());
        all.stream().filter(x -> x.status() == FulfillmentStatus.REJECTED).forEach(x -> excluded.add(x.locationId()));
        return giveUp(conn, target, shortfall, reason)
                .chain(() -> events.write(conn, List.of(rejected(order.id(), target, shortfall, reason))))
                .chain(() -> reroute(conn, order, order.method(), fulfillmentId, shortfall.toReroute(), excluded));
    }

    /**
     * Gives the missing units back to the store's stock rows (locked in the one lock order); a whole
     * reject also releases the rest and marks the fulfillment REJECTED, a short pick shortens its lines.
     */
    private Uni<Void> giveUp(
            SqlConnection conn, OrderRepository.StoredFulfillment target, Shortfall shortfall, Reason reason) {
        String fulfillmentId = target.id();
        List<String[]> keys = new ArrayList<>();
        shortfall.missingBySku().keySet().forEach(sku -> keys.add(new String[] {target.locationId(), sku}));
        Uni<Void> released = reservations
                .lockRows(conn, keys, false)
                .chain(() -> reservations.releasePart(conn, fulfillmentId, shortfall.missingBySku(), true));
        if (!shortfall.whole()) {
            return released.chain(() -> repository.shortenLines(conn, fulfillmentId, shortfall.missingBySku()));
        }
        return released.chain(() -> reservations.releaseOwned(
                        conn, Reservations.OwnerColumn.FULFILLMENT, List.of(fulfillmentId), ReservationStatus.RELEASED))
                .chain(() -> orders.setFulfillmentStatus(
                        conn, List.of(fulfillmentId), FulfillmentStatus.REJECTED, reason.text()));
    }

    /** The fulfillment's event: REJECTED, or its unchanged status after a short pick, naming what is missing. */
    private static OrderEvents.Event rejected(
            String orderId, OrderRepository.StoredFulfillment target, Shortfall shortfall, Reason reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        reason.addTo(payload);
        payload.put("missing", shortfall.missingBySku());
        return new OrderEvents.Event(
                OrderEvents.FULFILLMENT_STATUS,
                orderId,
                target.id(),
                target.locationId(),
                (shortfall.whole() ? FulfillmentStatus.REJECTED : target.status()).name(),
                target.status().name(),
                payload);
    }

    /**
     * Places {@code lines} at the next best locations, outside {@code excluded}, as new fulfillments
     * with their stock reserved; what no location can take is announced as unfulfillable. A
     * shortage while reserving rolls the new fulfillments back: then every line is unfulfillable.
     */
    private Uni<Outcome> reroute(
            SqlConnection conn,
            OrderRepository.LockedOrder order,
            OrderApi.Method method,
            String fromFulfillment,
            List<OrderApi.Line> lines,
            Set<String> excluded) {
        String orderId = order.id();
        return sourcing.plan(conn, candidates(order, method, excluded), lines).chain(plan -> {
            List<Sourcing.Allocation> allocations = Sourcing.allocations(plan);
            List<OrderRepository.NewFulfillment> next = new ArrayList<>();
            List<Reservations.Claim> claims = new ArrayList<>();
            for (Sourcing.Allocation a : allocations) {
                String fid = "F-" + UUID.randomUUID();
                next.add(new OrderRepository.NewFulfillment(fid, a.location().id(), a.lines()));
                a.lines()
                        .forEach(l -> claims.add(new Reservations.Claim(
                                fid, a.location().id(), l.sku(), OrderApi.LineMode.STOCK, l.qty())));
            }
            if (next.isEmpty()) {
                return unfulfillable(conn, orderId, lines, List.of());
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return conn.query("savepoint reroute")
                    .execute()
                    .chain(() -> orders.insertFulfillments(conn, orderId, method, next, now))
                    .chain(() -> reservations.reserve(conn, Reservations.Owner.order(orderId), claims))
                    .chain(shortages -> {
                        if (!shortages.isEmpty()) {
                            return conn.query("rollback to savepoint reroute")
                                    .execute()
                                    .chain(() -> unfulfillable(conn, orderId, lines, List.of()));
                        }
                        List<OrderEvents.Event> assigned = new ArrayList<>();
                        List<OrderApi.LineView> moved = new ArrayList<>();
                        for (OrderRepository.NewFulfillment f : next) {
                            assigned.add(OrderEvents.Event.fulfillmentAssigned(orderId, f, method, fromFulfillment));
                            moved.addAll(OrderApi.LineView.of(f.lines()));
                        }
                        List<OrderApi.Line> left = leftOver(lines, next);
                        return events.write(conn, assigned).chain(() -> unfulfillable(conn, orderId, left, moved));
                    });
        });
    }

    /** Where re-routed lines may go: pickup points near the order's own, or origins near its destination. */
    private List<Nearby> candidates(OrderRepository.LockedOrder order, OrderApi.Method method, Set<String> excluded) {
        if (method.isPickup()) {
            return network.get(order.pickupLocationId())
                    .map(original -> sourcing.pickupCandidates(method, original, excluded))
                    .orElse(List.of());
        }
        OrderApi.Destination destination =
                orders.decode(order.destination(), new TypeReference<OrderApi.Destination>() {});
        return sourcing.shipCandidates(method, destination.lat(), destination.lon(), excluded);
    }

    private static List<OrderApi.Line> leftOver(
            List<OrderApi.Line> wanted, List<OrderRepository.NewFulfillment> placed) {
        Map<String, Integer> left = new LinkedHashMap<>();
        wanted.forEach(l -> left.merge(l.sku(), l.qty(), Integer::sum));
        placed.forEach(f -> f.lines().forEach(l -> left.merge(l.sku(), -l.qty(), Integer::sum)));
        List<OrderApi.Line> lines = new ArrayList<>();
        left.forEach((sku, qty) -> {
            if (qty > 0) {
                lines.add(new OrderApi.Line(sku, qty, OrderApi.LineMode.STOCK));
            }
        });
        return lines;
    }

    /** The outcome: {@code moved} re-routed, {@code lines} unfulfillable and announced as such. */
    private Uni<Outcome> unfulfillable(
            SqlConnection conn, String orderId, List<OrderApi.Line> lines, List<OrderApi.LineView> moved) {
        List<OrderApi.LineView> missing = OrderApi.LineView.of(lines);
        if (missing.isEmpty()) {
            return Uni.createFrom().item(new Outcome(moved, missing));
        }
        return events.write(
                        conn,
                        List.of(new OrderEvents.Event(
                                OrderEvents.LINES_UNFULFILLABLE,
                                orderId,
                                null,
                                null,
                                null,
                                null,
                                Map.of("lines", missing))))
                .map(done -> new Outcome(moved, missing));
    }
}
