package io.omnigate.orders;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An order's status is derived from its fulfillments (DESIGN.md §2). Rejected fulfillments were
 * replaced by others and do not count; cancelled ones count only when nothing else is left.
 */
public final class OrderStatus {

    public static final String PLACED = "PLACED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String PARTIALLY_READY = "PARTIALLY_READY";
    public static final String READY_FOR_PICKUP = "READY_FOR_PICKUP";
    public static final String PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED";
    public static final String SHIPPED = "SHIPPED";
    public static final String COMPLETED = "COMPLETED";
    public static final String EXPIRED = "EXPIRED";
    public static final String RETURNED = "RETURNED";
    public static final String CANCELLED = "CANCELLED";
    public static final String UNFULFILLABLE = "UNFULFILLABLE";

    /** Every status an order can have, as the orders.status CHECK constraint lists them. */
    public static final List<String> ALL = List.of(
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
            UNFULFILLABLE);

    private static final Set<String> ENDED = Set.of("PICKED_UP", "DELIVERED", "RETURNED", "EXPIRED");
    private static final Set<String> GONE = Set.of("PICKED_UP", "SHIPPED", "DELIVERED", "RETURNED");
    private static final Set<String> IN_TRANSIT_OR_ENDED = Set.of("SHIPPED", "DELIVERED", "RETURNED", "EXPIRED");

    private OrderStatus() {}

    /** The order status for these fulfillment statuses; the rules are listed in the README. */
    public static String derive(Collection<String> fulfillmentStatuses) {
        List<String> counted = fulfillmentStatuses.stream()
                .filter(s -> !"REJECTED".equals(s) && !"CANCELLED".equals(s))
                .toList();
        if (counted.isEmpty()) {
            return fulfillmentStatuses.contains("CANCELLED") ? CANCELLED : UNFULFILLABLE;
        }
        if (counted.stream().allMatch("ASSIGNED"::equals)) {
            return PLACED;
        }
        if (counted.stream().allMatch(ENDED::contains)) {
            if (counted.stream().allMatch("EXPIRED"::equals)) {
                return EXPIRED;
            }
            return counted.stream().allMatch("RETURNED"::equals) ? RETURNED : COMPLETED;
        }
        if (counted.stream().allMatch("READY_FOR_PICKUP"::equals)) {
            return READY_FOR_PICKUP;
        }
        if (counted.contains("SHIPPED") && counted.stream().allMatch(IN_TRANSIT_OR_ENDED::contains)) {
            return SHIPPED;
        }
        if (counted.stream().anyMatch(GONE::contains)) {
            return PARTIALLY_FULFILLED;
        }
        return counted.contains("READY_FOR_PICKUP") ? PARTIALLY_READY : IN_PROGRESS;
    }
}
