package io.omnigate.notifications;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderStatus;
import java.util.Optional;

/** Which order events a customer is told about, and the template each one is sent with. */
final class NotificationTemplates {

    static final String PICKUP_READY = "pickup.ready";
    static final String SHIPPED = "order.shipped";
    static final String CANCELLED = "order.cancelled";

    private NotificationTemplates() {}

    /** The template for an outbox event of {@code type} with {@code status}; empty when the customer is not told. */
    static Optional<String> of(String type, String status) {
        if (OrderEvents.FULFILLMENT_STATUS.equals(type)) {
            if (FulfillmentStatus.READY_FOR_PICKUP.name().equals(status)) {
                return Optional.of(PICKUP_READY);
            }
            if (FulfillmentStatus.SHIPPED.name().equals(status)) {
                return Optional.of(SHIPPED);
            }
        }
        if (OrderEvents.ORDER_STATUS.equals(type)
                && OrderStatus.CANCELLED.name().equals(status)) {
            return Optional.of(CANCELLED);
        }
        return Optional.empty();
    }
}
