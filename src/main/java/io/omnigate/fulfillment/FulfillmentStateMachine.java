package io.omnigate.fulfillment;

import static io.omnigate.orders.FulfillmentStatus.ACCEPTED;
import static io.omnigate.orders.FulfillmentStatus.ASSIGNED;
import static io.omnigate.orders.FulfillmentStatus.DELIVERED;
import static io.omnigate.orders.FulfillmentStatus.PACKED;
import static io.omnigate.orders.FulfillmentStatus.PICKED_UP;
import static io.omnigate.orders.FulfillmentStatus.PICKING;
import static io.omnigate.orders.FulfillmentStatus.READY_FOR_PICKUP;
import static io.omnigate.orders.FulfillmentStatus.SHIPPED;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.platform.ProblemException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fulfillment state machine of DESIGN.md §2. Pickup methods (PICKUP, CURBSIDE, LOCKER) go
 * through READY_FOR_PICKUP, ship methods (SHIP, SAME_DAY) through SHIPPED; anything else is a 409.
 */
public final class FulfillmentStateMachine {

    /** Every fulfillment status, in workflow order. */
    public static final List<FulfillmentStatus> STATUSES = List.of(FulfillmentStatus.values());

    private static final Map<FulfillmentStatus, Set<FulfillmentStatus>> PICKUP_FROM = table(true);
    private static final Map<FulfillmentStatus, Set<FulfillmentStatus>> SHIP_FROM = table(false);

    private FulfillmentStateMachine() {}

    public static boolean allowed(OrderApi.Method method, FulfillmentStatus from, FulfillmentStatus to) {
        return (method.isPickup() ? PICKUP_FROM : SHIP_FROM).get(to).contains(from);
    }

    /** Passes when {@code from → to} is allowed for the method; a 409 {@code invalid-transition} otherwise. */
    public static void check(
            String fulfillmentId, OrderApi.Method method, FulfillmentStatus from, FulfillmentStatus to) {
        if (!allowed(method, from, to)) {
            throw ProblemException.conflict(
                    "invalid-transition",
                    "Transition not allowed",
                    "Fulfillment " + fulfillmentId + " (" + method + ") cannot go from " + from + " to " + to + ".");
        }
    }

    /** The status a caller named in {@code field}; a 400 naming every status when it is none. */
    public static FulfillmentStatus parse(String field, String name) {
        for (FulfillmentStatus status : STATUSES) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw ProblemException.invalid(field, "must be one of " + STATUSES);
    }

    private static Map<FulfillmentStatus, Set<FulfillmentStatus>> table(boolean pickup) {
        Map<FulfillmentStatus, Set<FulfillmentStatus>> table = new EnumMap<>(FulfillmentStatus.class);
        for (FulfillmentStatus to : FulfillmentStatus.values()) {
            table.put(to, Set.copyOf(from(pickup, to)));
        }
        return table;
    }

    /** Where a fulfillment may come from to reach {@code to}, for a pickup or a ship method. */
    private static Set<FulfillmentStatus> from(boolean pickup, FulfillmentStatus to) {
        Set<FulfillmentStatus> none = EnumSet.noneOf(FulfillmentStatus.class);
        // no default: a status added to FulfillmentStatus does not compile until its arrows are decided here
        return switch (to) {
            case ASSIGNED -> none;
            case ACCEPTED -> EnumSet.of(ASSIGNED);
            case PICKING -> EnumSet.of(ACCEPTED);
            case PACKED -> EnumSet.of(PICKING);
            case REJECTED -> EnumSet.of(ASSIGNED, ACCEPTED, PICKING);
            case CANCELLED ->
                pickup
                        ? EnumSet.of(ASSIGNED, ACCEPTED, PICKING, PACKED, READY_FOR_PICKUP)
                        : EnumSet.of(ASSIGNED, ACCEPTED, PICKING, PACKED);
            case READY_FOR_PICKUP -> pickup ? EnumSet.of(PACKED) : none;
            case PICKED_UP, EXPIRED -> pickup ? EnumSet.of(READY_FOR_PICKUP) : none;
            case SHIPPED -> pickup ? none : EnumSet.of(PACKED);
            case DELIVERED -> pickup ? none : EnumSet.of(SHIPPED);
            case RETURNED -> EnumSet.of(pickup ? PICKED_UP : DELIVERED);
        };
    }
}
