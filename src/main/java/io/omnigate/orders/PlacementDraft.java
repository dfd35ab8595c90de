package io.omnigate.orders;

import io.omnigate.network.Location;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Everything a placement writes, decided in memory before its transaction starts: ids, the answer
 * (with the order's access token), the stock claims, the events and the locations whose load grows.
 */
record PlacementDraft(
        String orderId,
        OffsetDateTime at,
        List<OrderRepository.NewFulfillment> fulfillments,
        List<Reservations.Claim> claims,
        List<OrderEvents.Event> events,
        OrderApi.OrderView view) {

    static String newOrderId() {
        return "O-" + UUID.randomUUID();
    }

    static PlacementDraft of(
            String orderId,
            OrderApi.PlaceOrderRequest request,
            Location pickup,
            List<Sourcing.Allocation> allocations,
            Function<String, String> mintToken) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<OrderRepository.NewFulfillment> fulfillments = new ArrayList<>();
        List<Reservations.Claim> claims = new ArrayList<>();
        for (Sourcing.Allocation allocation : allocations) {
            String fid = "F-" + UUID.randomUUID();
            fulfillments.add(new OrderRepository.NewFulfillment(
                    fid, allocation.location().id(), allocation.lines()));
            for (OrderApi.Line line : allocation.lines()) {
                claims.add(new Reservations.Claim(
                        fid, allocation.location().id(), line.sku(), line.modeOrStock(), line.qty()));
            }
        }
        OrderApi.OrderView view = new OrderApi.OrderView(
                orderId,
                OrderStatus.PLACED.name(),
                request.method(),
                pickup == null ? null : pickup.id(),
                request.destination(),
                request.shippingAddress(),
                request.holdId(),
                now.toInstant(),
                fulfillments.stream()
                        .map(f -> new OrderApi.FulfillmentView(
                                f.id(),
                                f.locationId(),
                                request.method(),
                                FulfillmentStatus.ASSIGNED.name(),
                                null,
                                OrderApi.LineView.of(f.lines())))
                        .toList(),
                mintToken.apply(orderId));
        List<OrderEvents.Event> events = new ArrayList<>();
        events.add(new OrderEvents.Event(
                OrderEvents.ORDER_STATUS,
                orderId,
                null,
                null,
                OrderStatus.PLACED.name(),
                null,
                Map.of("method", request.method())));
        for (OrderRepository.NewFulfillment f : fulfillments) {
            events.add(OrderEvents.Event.fulfillmentAssigned(orderId, f, request.method(), null));
        }
        return new PlacementDraft(orderId, now, fulfillments, claims, events, view);
    }
}
