package io.omnigate.orders;

import static io.omnigate.orders.FulfillmentStatus.ACCEPTED;
import static io.omnigate.orders.FulfillmentStatus.ASSIGNED;
import static io.omnigate.orders.FulfillmentStatus.CANCELLED;
import static io.omnigate.orders.FulfillmentStatus.DELIVERED;
import static io.omnigate.orders.FulfillmentStatus.EXPIRED;
import static io.omnigate.orders.FulfillmentStatus.PACKED;
import static io.omnigate.orders.FulfillmentStatus.PICKED_UP;
import static io.omnigate.orders.FulfillmentStatus.PICKING;
import static io.omnigate.orders.FulfillmentStatus.READY_FOR_PICKUP;
import static io.omnigate.orders.FulfillmentStatus.REJECTED;
import static io.omnigate.orders.FulfillmentStatus.RETURNED;
import static io.omnigate.orders.FulfillmentStatus.SHIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.inventory.ReservationStatus;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each named predicate of the status enums, pinned to the exact statuses it accepts: SQL takes
 * the same groups through {@link FulfillmentStatus#sqlList}, so a group that silently gains or
 * loses a status changes what cancel, change, returns and arrivals allow, and fails here first.
 */
class FulfillmentStatusTest {

    @Test
    void liveFulfillmentsStillHoldStockOnTheWayToTheCustomer() {
        assertEquals(
                EnumSet.of(ASSIGNED, ACCEPTED, PICKING, PACKED, READY_FOR_PICKUP),
                matching(FulfillmentStatus.class, FulfillmentStatus::isLive));
    }

    @Test
    void handedOverMeansTheGoodsLeftWithTheCustomerOrCarrier() {
        assertEquals(
                EnumSet.of(PICKED_UP, SHIPPED, DELIVERED, RETURNED),
                matching(FulfillmentStatus.class, FulfillmentStatus::isHandedOver));
        assertEquals(
                "('PICKED_UP', 'SHIPPED', 'DELIVERED', 'RETURNED')",
                FulfillmentStatus.sqlList(FulfillmentStatus::isHandedOver));
    }

    @Test
    void beingPreparedIsLiveButNotYetWaitingForPickup() {
        assertEquals(
                EnumSet.of(ASSIGNED, ACCEPTED, PICKING, PACKED),
                matching(FulfillmentStatus.class, FulfillmentStatus::isBeingPrepared));
    }

    @Test
    void unpickedIsAssignedOrAccepted() {
        assertEquals(EnumSet.of(ASSIGNED, ACCEPTED), matching(FulfillmentStatus.class, FulfillmentStatus::isUnpicked));
    }

    @Test
    void endedIsCollectedDeliveredReturnedOrExpired() {
        assertEquals(
                EnumSet.of(PICKED_UP, DELIVERED, RETURNED, EXPIRED),
                matching(FulfillmentStatus.class, FulfillmentStatus::isEnded));
    }

    @Test
    void withdrawnIsRejectedOrCancelled() {
        assertEquals(
                EnumSet.of(REJECTED, CANCELLED), matching(FulfillmentStatus.class, FulfillmentStatus::isWithdrawn));
    }

    @Test
    void shippedOrClosedIsShippedDeliveredReturnedOrExpired() {
        assertEquals(
                EnumSet.of(SHIPPED, DELIVERED, RETURNED, EXPIRED),
                matching(FulfillmentStatus.class, FulfillmentStatus::isShippedOrClosed));
    }

    @Test
    void everyStatusIsInExactlyOneOfLiveHandedOverWithdrawnOrExpired() {
        for (FulfillmentStatus s : FulfillmentStatus.values()) {
            int groups = (s.isLive() ? 1 : 0)
                    + (s.isHandedOver() ? 1 : 0)
                    + (s.isWithdrawn() ? 1 : 0)
                    + (s == EXPIRED ? 1 : 0);
            assertEquals(1, groups, s + " belongs to " + groups + " groups");
        }
    }

    @Test
    void onlyACancelledOrderIsCancelled() {
        assertEquals(EnumSet.of(OrderStatus.CANCELLED), matching(OrderStatus.class, OrderStatus::isCancelled));
    }

    @Test
    void holdsReturnsAndReservationsNameTheirLiveAndReceivedStatuses() {
        assertEquals(EnumSet.of(HoldStatus.ACTIVE), matching(HoldStatus.class, HoldStatus::isLive));
        assertEquals(
                EnumSet.of(ReservationStatus.ACTIVE), matching(ReservationStatus.class, ReservationStatus::isLive));
        assertEquals(
                EnumSet.of(ReturnStatus.RESTOCKED, ReturnStatus.REFUSED),
                matching(ReturnStatus.class, ReturnStatus::isReceived));
        assertEquals("'REQUESTED'", ReturnStatus.REQUESTED.sql());
    }

    private static <E extends Enum<E>> Set<E> matching(Class<E> type, Predicate<E> group) {
        return EnumSet.allOf(type).stream().filter(group).collect(Collectors.toCollection(() -> EnumSet.noneOf(type)));
    }
}
