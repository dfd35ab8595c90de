package io.omnigate.fulfillment;

import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderRepository;
import io.vertx.mutiny.sqlclient.Row;
import java.util.List;

/**
 * A fulfillment read afresh while this transaction holds its order's row lock, beside the order's
 * other fulfillments: what every transition decides from. {@code orderedPickupLocationId} is the
 * pickup location the customer chose (a locker for LOCKER orders); {@code order} is the locked
 * row as {@code OrderRepository.lockOrder} returns it, for the re-routing of a rejection.
 */
record LockedFulfillment(
        String orderId,
        OrderApi.Method method,
        String orderedPickupLocationId,
        Row order,
        List<OrderRepository.StoredFulfillment> all,
        OrderRepository.StoredFulfillment target) {

    /** The fulfillment {@code fulfillmentId} among {@code all}, of the locked {@code order}. */
    static LockedFulfillment of(Row order, List<OrderRepository.StoredFulfillment> all, String fulfillmentId) {
        return new LockedFulfillment(
                order.getString("id"),
                OrderApi.Method.valueOf(order.getString("method")),
                order.getString("pickup_location_id"),
                order,
                all,
                all.stream()
                        .filter(f -> f.id().equals(fulfillmentId))
                        .findFirst()
                        .orElseThrow());
    }
}
