package io.omnigate.orders;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where a fulfillment stands (DESIGN.md §2). The predicates name the groups orders reason about,
 * and {@link #sqlList} hands the same groups to SQL, so no status set is written twice.
 */
public enum FulfillmentStatus {
    ASSIGNED,
    ACCEPTED,
    PICKING,
    PACKED,
    READY_FOR_PICKUP,
    PICKED_UP,
    SHIPPED,
    DELIVERED,
    REJECTED,
    CANCELLED,
    EXPIRED,
    RETURNED;

    /** Stock is still reserved on its way to the customer; the fulfillment may be cancelled. */
    public boolean isLive() {
        return this == ASSIGNED || this == ACCEPTED || this == PICKING || this == PACKED || this == READY_FOR_PICKUP;
    }

    /** The goods have left with the customer or the carrier: no cancel, no change. */
    public boolean isHandedOver() {
        return this == PICKED_UP || this == SHIPPED || this == DELIVERED || this == RETURNED;
    }

    /** Still being prepared at its location: live, and not yet waiting for pickup. */
    public boolean isBeingPrepared() {
        return isLive() && this != READY_FOR_PICKUP;
    }

    /** Nothing has been picked yet: the order may still move to another store. */
    public boolean isUnpicked() {
        return this == ASSIGNED || this == ACCEPTED;
    }

    /** The fulfillment is over and its goods are no longer on the way (collected, delivered, returned, expired). */
    public boolean isEnded() {
        return this == PICKED_UP || this == DELIVERED || this == RETURNED || this == EXPIRED;
    }

    /** Replaced by another fulfillment (rejected) or withdrawn (cancelled): it does not count for the order. */
    public boolean isWithdrawn() {
        return this == REJECTED || this == CANCELLED;
    }

    /** Shipped, or over without a pickup at this moment (delivered, returned, expired). */
    public boolean isShippedOrClosed() {
        return this == SHIPPED || this == DELIVERED || this == RETURNED || this == EXPIRED;
    }

    public static FulfillmentStatus of(String name) {
        return valueOf(name);
    }

    /** The status as a SQL literal, {@code 'PACKED'}, for a statement's text. */
    public String sql() {
        return "'" + name() + "'";
    }

    /** The statuses matching {@code group} as a SQL list, {@code ('A', 'B')}, for {@code status in ...}. */
    public static String sqlList(Predicate<FulfillmentStatus> group) {
        return Arrays.stream(values())
                .filter(group)
                .map(FulfillmentStatus::sql)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
