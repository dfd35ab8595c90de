package io.omnigate.fulfillment;

import io.omnigate.orders.OrderApi;
import io.omnigate.platform.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fulfillment state machine of DESIGN.md §2. Pickup methods (PICKUP, CURBSIDE, LOCKER) go
 * through READY_FOR_PICKUP, ship methods (SHIP, SAME_DAY) through SHIPPED; anything else is a 409.
 */
public final class FulfillmentStateMachine {

    /** Every fulfillment status, in workflow order. */
    public static final List<String> STATUSES = List.of(
            "ASSIGNED",
            "ACCEPTED",
            "PICKING",
            "PACKED",
            "READY_FOR_PICKUP",
            "PICKED_UP",
            "SHIPPED",
            "DELIVERED",
            "REJECTED",
            "CANCELLED",
            "EXPIRED",
            "RETURNED");

    private static final Set<String> UNSENT = Set.of("ASSIGNED", "ACCEPTED", "PICKING", "PACKED");

    private static final Map<String, Set<String>> COMMON = Map.of(
            "ACCEPTED", Set.of("ASSIGNED"),
            "PICKING", Set.of("ACCEPTED"),
            "PACKED", Set.of("PICKING"),
            "REJECTED", Set.of("ASSIGNED", "ACCEPTED", "PICKING"),
            "CANCELLED", UNSENT);

    private static final Map<String, Set<String>> PICKUP_ONLY = Map.of(
            "READY_FOR_PICKUP", Set.of("PACKED"),
            "PICKED_UP", Set.of("READY_FOR_PICKUP"),
            "EXPIRED", Set.of("READY_FOR_PICKUP"),
            "CANCELLED", Set.of("READY_FOR_PICKUP"),
            "RETURNED", Set.of("PICKED_UP"));

    private static final Map<String, Set<String>> SHIP_ONLY = Map.of(
            "SHIPPED", Set.of("PACKED"),
            "DELIVERED", Set.of("SHIPPED"),
            "RETURNED", Set.of("DELIVERED"));

    private FulfillmentStateMachine() {}

    public static boolean allowed(OrderApi.Method method, String from, String to) {
        Map<String, Set<String>> byMethod = method.isPickup() ? PICKUP_ONLY : SHIP_ONLY;
        return COMMON.getOrDefault(to, Set.of()).contains(from)
                || byMethod.getOrDefault(to, Set.of()).contains(from);
    }

    /** Passes when {@code from → to} is allowed for the method; a 409 {@code invalid-transition} otherwise. */
    public static void check(String fulfillmentId, OrderApi.Method method, String from, String to) {
        if (!allowed(method, from, to)) {
            throw ProblemException.conflict(
                    "invalid-transition",
                    "Transition not allowed",
                    "Fulfillment " + fulfillmentId + " (" + method + ") cannot go from " + from + " to " + to + ".");
        }
    }
}
