package io.omnigate.orders;

import io.omnigate.inventory.ReservationStatus;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Cancels an order: every live fulfillment is cancelled and its reservations released, in one transaction. */
@ApplicationScoped
public class OrderCancellation {

    private final OrderRepository orders;
    private final Reservations reservations;
    private final OrderEvents events;

    OrderCancellation(OrderRepository orders, Reservations reservations, OrderEvents events) {
        this.orders = orders;
        this.reservations = reservations;
        this.events = events;
    }

    public Uni<OrderApi.OrderView> cancel(String orderId, Reason reason) {
        return orders.inTransaction(conn -> orders.lock(conn, orderId)
                .chain(order -> orders.fulfillments(conn, orderId).chain(fulfillments -> {
                    for (OrderRepository.StoredFulfillment f : fulfillments) {
                        if (f.status().isHandedOver()) {
                            throw ProblemException.conflict(
                                    "order-not-cancellable",
                                    "Order can no longer be cancelled",
                                    "Fulfillment " + f.id() + " is already " + f.status() + ".");
                        }
                    }
                    if (order.status().isCancelled()) {
                        return orders.view(conn, orderId);
                    }
                    List<OrderRepository.StoredFulfillment> live = fulfillments.stream()
                            .filter(f -> f.status().isLive())
                            .toList();
                    List<OrderEvents.Event> changes = new ArrayList<>();
                    for (OrderRepository.StoredFulfillment f : live) {
                        changes.add(OrderEvents.Event.fulfillmentCancelled(orderId, f, reason));
                        if (f.status() == FulfillmentStatus.READY_FOR_PICKUP && f.pickupLocationId() != null) {
                            changes.add(OrderEvents.Event.atPickupPoint(
                                    OrderEvents.PICKUP_CANCELLED,
                                    orderId,
                                    f.id(),
                                    f.pickupLocationId(),
                                    FulfillmentStatus.CANCELLED.name(),
                                    f.status().name(),
                                    f.compartment()));
                        }
                    }
                    changes.add(new OrderEvents.Event(
                            OrderEvents.ORDER_STATUS,
                            orderId,
                            null,
                            null,
                            OrderStatus.CANCELLED.name(),
                            order.status().name(),
                            reason.addTo(new LinkedHashMap<>())));
                    return reservations
                            .releaseOwned(
                                    conn, Reservations.OwnerColumn.ORDER, List.of(orderId), ReservationStatus.RELEASED)
                            .chain(() -> orders.setFulfillmentStatus(
                                    conn,
                                    live.stream()
                                            .map(OrderRepository.StoredFulfillment::id)
                                            .toList(),
                                    FulfillmentStatus.CANCELLED,
                                    reason.text()))
                            .chain(() -> orders.markCancelled(conn, orderId))
                            .chain(() -> events.write(conn, changes))
                            .chain(() -> orders.view(conn, orderId));
                })));
    }
}
