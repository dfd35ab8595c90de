package io.omnigate.fulfillment;

import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderRepository;
import java.util.List;

/**
 * A fulfillment read afresh while this transaction holds its order's row lock, beside the order's
 * other fulfillments: what every transition decides from.
 */
record LockedFulfillment(
        OrderRepository.LockedOrder order,
        List<OrderRepository.StoredFulfillment> all,
        OrderRepository.StoredFulfillment target) {

    /** The fulfillment {@code fulfillmentId} among {@code all}, of the locked {@code order}. */
    static LockedFulfillment of(
            OrderRepository.LockedOrder order, List<OrderRepository.StoredFulfillment> all, String fulfillmentId) {
        return new LockedFulfillment(
                order,
                all,
                all.stream()
                        .filter(f -> f.id().equals(fulfillmentId))
                        .findFirst()
                        .orElseThrow());
    }

    String orderId() {
        return order.id();
    }

    OrderApi.Method method() {
        return order.method();
    }

    /** The pickup location the customer chose when ordering (a locker for LOCKER orders). */
    String orderedPickupLocationId() {
        return order.pickupLocationId();
    }
}
