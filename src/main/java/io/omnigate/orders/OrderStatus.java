package io.omnigate.orders;

import java.util.Collection;
import java.util.List;

/**
 * An order's status, derived from its fulfillments (DESIGN.md §2). Rejected fulfillments were
 * replaced by others and do not count; cancelled ones count only when nothing else is left.
 */
public enum OrderStatus {
    PLACED,
    IN_PROGRESS,
    PARTIALLY_READY,
    READY_FOR_PICKUP,
    PARTIALLY_FULFILLED,
    SHIPPED,
    COMPLETED,
    EXPIRED,
    RETURNED,
    CANCELLED,
    UNFULFILLABLE;

    public boolean isCancelled() {
        return this == CANCELLED;
    }

    /** The order status for these fulfillment statuses; the rules are listed in docs/orders.md. */
    public static OrderStatus derive(Collection<FulfillmentStatus> fulfillments) {
        List<FulfillmentStatus> counted =
                fulfillments.stream().filter(s -> !s.isWithdrawn()).toList();
        if (counted.isEmpty()) {
            return fulfillments.contains(FulfillmentStatus.CANCELLED) ? CANCELLED : UNFULFILLABLE;
        }
        if (counted.stream().allMatch(s -> s == FulfillmentStatus.ASSIGNED)) {
            return PLACED;
        }
        if (counted.stream().allMatch(FulfillmentStatus::isEnded)) {
            if (counted.stream().allMatch(s -> s == FulfillmentStatus.EXPIRED)) {
                return EXPIRED;
            }
            return counted.stream().allMatch(s -> s == FulfillmentStatus.RETURNED) ? RETURNED : COMPLETED;
        }
        if (counted.stream().allMatch(s -> s == FulfillmentStatus.READY_FOR_PICKUP)) {
            return READY_FOR_PICKUP;
        }
        if (counted.contains(FulfillmentStatus.SHIPPED)
                && counted.stream().allMatch(FulfillmentStatus::isShippedOrClosed)) {
            return SHIPPED;
        }
        if (counted.stream().anyMatch(FulfillmentStatus::isHandedOver)) {
            return PARTIALLY_FULFILLED;
        }
        return counted.contains(FulfillmentStatus.READY_FOR_PICKUP) ? PARTIALLY_READY : IN_PROGRESS;
    }

    /** The status as a SQL literal, {@code 'PLACED'}, for a statement's text. */
    public String sql() {
        return "'" + name() + "'";
    }
}
