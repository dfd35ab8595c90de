package io.omnigate.orders;

import io.omnigate.inventory.ReservationStatus;
import io.omnigate.network.Location;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Changes an order before anything is picked: a new pickup store (stock moves with it) or a new address. */
@ApplicationScoped
public class OrderChange {

    private final OrderRepository orders;
    private final Reservations reservations;
    private final Sourcing sourcing;
    private final OrderEvents events;

    OrderChange(OrderRepository orders, Reservations reservations, Sourcing sourcing, OrderEvents events) {
        this.orders = orders;
        this.reservations = reservations;
        this.sourcing = sourcing;
        this.events = events;
    }

    public Uni<OrderApi.OrderView> change(String orderId, OrderApi.PatchOrderRequest patch) {
        if (patch.pickupLocationId() == null && patch.shippingAddress() == null) {
            throw ProblemException.invalid("body", "name pickupLocationId or shippingAddress");
        }
        return orders.inTransaction(conn -> orders.lock(conn, orderId)
                .chain(order -> orders.fulfillments(conn, orderId).chain(fulfillments -> {
                    if (order.status().isCancelled()) {
                        throw ProblemException.conflict(
                                "order-cancelled", "Order is cancelled", "Order " + orderId + " is cancelled.");
                    }
                    for (OrderRepository.StoredFulfillment f : fulfillments) {
                        FulfillmentStatus status = f.status();
                        if (status.isHandedOver() || (status.isLive() && !status.isUnpicked())) {
                            throw ProblemException.conflict(
                                    "order-already-picked",
                                    "Order can no longer be changed",
                                    "Fulfillment " + f.id() + " is already " + f.status() + ".");
                        }
                    }
                    OrderApi.Method method = order.method();
                    Uni<Void> done = Uni.createFrom().voidItem();
                    if (patch.shippingAddress() != null) {
                        if (method.isPickup()) {
                            throw ProblemException.unprocessable(
                                    "not-a-shipment",
                                    "Order is not shipped",
                                    "A pickup order has no shipping address.");
                        }
                        done = done.chain(() -> orders.setShippingAddress(conn, orderId, patch.shippingAddress())
                                .chain(() -> events.write(
                                        conn,
                                        List.of(new OrderEvents.Event(
                                                OrderEvents.ORDER_UPDATED,
                                                orderId,
                                                null,
                                                null,
                                                order.status().name(),
                                                null,
                                                Map.of("shippingAddress", patch.shippingAddress())))))
                                .replaceWithVoid());
                    }
                    if (patch.pickupLocationId() != null) {
                        if (!method.isPickup()) {
                            throw ProblemException.unprocessable(
                                    "not-a-pickup", "Order is not a pickup", "Only pickup orders change their store.");
                        }
                        Location pickup = sourcing.pickupPoint(method, patch.pickupLocationId());
                        List<OrderRepository.StoredFulfillment> live = fulfillments.stream()
                                .filter(f -> f.status().isUnpicked())
                                .toList();
                        done = done.chain(
                                () -> movePickup(conn, orderId, method, order.pickupLocationId(), pickup, live));
                    }
                    return done.chain(() -> orders.view(conn, orderId));
                })));
    }

    /** Reserves at the new store and releases the old one in this transaction; the old fulfillment is kept, cancelled. */
    private Uni<Void> movePickup(
            SqlConnection conn,
            String orderId,
            OrderApi.Method method,
            String previousPickup,
            Location pickup,
            List<OrderRepository.StoredFulfillment> live) {
        Location stockAt = sourcing.stockLocation(pickup);
        Uni<Void> pointer = orders.setPickupLocation(conn, orderId, pickup.id());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("pickupLocationId", pickup.id());
        payload.put("previousPickupLocationId", previousPickup);
        OrderEvents.Event updated = new OrderEvents.Event(
                OrderEvents.ORDER_UPDATED, orderId, null, pickup.id(), OrderStatus.PLACED.name(), null, payload);
        List<OrderRepository.StoredFulfillment> moving =
                live.stream().filter(f -> !f.locationId().equals(stockAt.id())).toList();
        if (moving.isEmpty()) {
            return pointer.chain(() -> events.write(conn, List.of(updated)));
        }
        OrderRepository.NewFulfillment next =
                new OrderRepository.NewFulfillment("F-" + UUID.randomUUID(), stockAt.id(), mergedLines(moving));
        Reason reason = new Reason(ReasonCode.CUSTOMER_REQUEST, "pickup moved to " + pickup.id());
        List<OrderEvents.Event> changes = new ArrayList<>();
        moving.forEach(f -> changes.add(OrderEvents.Event.fulfillmentCancelled(orderId, f, reason)));
        changes.add(OrderEvents.Event.fulfillmentAssigned(orderId, next, method, null));
        changes.add(updated);
        return moveStock(conn, orderId, method, moving, next, reason.text())
                .chain(() -> pointer)
                .chain(() -> events.write(conn, changes));
    }

    /**
     * Cancels the {@code moving} fulfillments, releasing their stock, and reserves their lines for
     * {@code next}, with every stock row involved locked first in the one lock order; the new store
     * short of a unit is a 409 that rolls the move back.
     */
    private Uni<Void> moveStock(
            SqlConnection conn,
            String orderId,
            OrderApi.Method method,
            List<OrderRepository.StoredFulfillment> moving,
            OrderRepository.NewFulfillment next,
            String why) {
        List<Reservations.Claim> claims = next.lines().stream()
                .map(l -> new Reservations.Claim(next.id(), next.locationId(), l.sku(), l.modeOrStock(), l.qty()))
                .toList();
        List<String[]> keys = new ArrayList<>();
        for (OrderRepository.StoredFulfillment f : moving) {
            f.lines().forEach(l -> keys.add(new String[] {f.locationId(), l.sku()}));
        }
        claims.forEach(c -> keys.add(new String[] {c.locationId(), c.sku()}));
        List<String> movingIds =
                moving.stream().map(OrderRepository.StoredFulfillment::id).toList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return reservations
                .lockRows(conn, keys, false)
                .chain(() -> reservations.releaseOwned(
                        conn, Reservations.OwnerColumn.FULFILLMENT, movingIds, ReservationStatus.RELEASED))
                .chain(() -> orders.setFulfillmentStatus(conn, movingIds, FulfillmentStatus.CANCELLED, why))
                .chain(() -> orders.insertFulfillments(conn, orderId, method, List.of(next), now))
                .chain(() -> reservations.reserve(conn, Reservations.Owner.order(orderId), claims))
                .invoke(shortages -> {
                    if (!shortages.isEmpty()) {
                        Set<String> skus = new TreeSet<>();
                        shortages.forEach(s -> skus.add(s.sku()));
                        throw Sourcing.insufficientStock(next.lines(), skus);
                    }
                })
                .replaceWithVoid();
    }

    /** The lines still to hand over of the {@code moving} fulfillments, one per SKU and mode. */
    private static List<OrderApi.Line> mergedLines(List<OrderRepository.StoredFulfillment> moving) {
        Map<String, OrderApi.Line> merged = new LinkedHashMap<>();
        for (OrderRepository.StoredFulfillment f : moving) {
            for (OrderApi.LineView l : f.lines()) {
                if (l.qty() > 0) {
                    merged.merge(
                            l.sku() + "\u0000" + l.mode(),
                            new OrderApi.Line(l.sku(), l.qty(), l.mode()),
                            (a, b) -> new OrderApi.Line(a.sku(), a.qty() + b.qty(), a.mode()));
                }
            }
        }
        return List.copyOf(merged.values());
    }
}
