package io.omnigate.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderRepository;
import io.omnigate.orders.OrderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The events of a transition are decided from what it did, once, and cannot be changed afterwards. */
class TransitionEventsTest {

    static LockedFulfillment locked(OrderApi.Method method, String status, String pickupAt, String compartment) {
        OrderRepository.StoredFulfillment f = new OrderRepository.StoredFulfillment(
                "F-1", "S-1", FulfillmentStatus.valueOf(status), List.of(), pickupAt, compartment);
        return new LockedFulfillment(
                new OrderRepository.LockedOrder("O-1", OrderStatus.IN_PROGRESS, method, "L-1", null), List.of(f), f);
    }

    @Test
    void aParcelPlacedInALockerTellsTheOrderItsCompartmentAndTheLockerNotItsCode() {
        List<OrderEvents.Event> events = lockerParcelReady(new PickupPlacement.Ready("L-1", "S-03", false));

        assertEquals(List.of(OrderEvents.FULFILLMENT_STATUS, OrderEvents.PICKUP_READY), types(events));
        OrderEvents.Event status = events.get(0);
        assertEquals("S-1", status.locationId());
        assertEquals("PACKED", status.previousStatus());
        assertEquals(
                Map.of(
                        "method",
                        OrderApi.Method.LOCKER,
                        "pickupLocationId",
                        "L-1",
                        "compartment",
                        "S-03",
                        PickupCodes.SEALED_FIELD,
                        "sealed"),
                status.payload());
        OrderEvents.Event atLocker = events.get(1);
        assertEquals("L-1", atLocker.locationId());
        assertEquals(Map.of("compartment", "S-03"), atLocker.payload());
        assertThrows(UnsupportedOperationException.class, () -> status.payload().put("late", true));
    }

    @Test
    void aFullLockerSendsTheParcelToItsStoreAndSaysSoOnBothEvents() {
        List<OrderEvents.Event> events = lockerParcelReady(new PickupPlacement.Ready("S-1", null, true));

        Map<String, Object> payload = events.get(0).payload();
        assertEquals(true, payload.get("lockerFull"));
        assertEquals("L-1", payload.get("lockerId"));
        assertEquals("S-1", payload.get("pickupLocationId"));
        assertFalse(payload.containsKey("compartment"));
        assertEquals(Map.of("lockerFull", true), events.get(1).payload());
    }

    @Test
    void aHandOverCarriesItsProofAndCurbWaitAndTellsThePickupPointTheParcelLeft() {
        LockedFulfillment locked = locked(OrderApi.Method.CURBSIDE, "READY_FOR_PICKUP", "S-1", null);
        List<OrderEvents.Event> events = TransitionEvents.of(
                locked,
                FulfillmentStatus.PICKED_UP,
                "pickup code verified at S-1",
                Map.of("verifiedBy", "PICKUP_CODE"),
                TransitionEvents.Done.handedOver(Optional.of(Duration.ofSeconds(90))));

        assertEquals(List.of(OrderEvents.FULFILLMENT_STATUS, OrderEvents.PICKUP_COLLECTED), types(events));
        assertEquals(
                List.of("reason", "verifiedBy", "method", "curbWaitSeconds"),
                List.copyOf(events.get(0).payload().keySet()));
        assertEquals(90L, events.get(0).payload().get("curbWaitSeconds"));
        assertEquals(Map.of(), events.get(1).payload());
    }

    @Test
    void onlyAParcelThatWasWaitingIsAnnouncedAsLeavingItsPickupPoint() {
        assertEquals(
                List.of(OrderEvents.FULFILLMENT_STATUS),
                types(TransitionEvents.of(
                        locked(OrderApi.Method.PICKUP, "PACKED", "S-1", null),
                        FulfillmentStatus.CANCELLED,
                        "customer",
                        Map.of(),
                        TransitionEvents.Done.NOTHING)));
        List<OrderEvents.Event> expired = TransitionEvents.of(
                locked(OrderApi.Method.LOCKER, "READY_FOR_PICKUP", "L-1", "M-02"),
                FulfillmentStatus.EXPIRED,
                "not collected",
                Map.of(),
                TransitionEvents.Done.NOTHING);
        assertEquals(List.of(OrderEvents.FULFILLMENT_STATUS, OrderEvents.PICKUP_EXPIRED), types(expired));
        assertEquals("L-1", expired.get(1).locationId());
        assertEquals(Map.of("compartment", "M-02"), expired.get(1).payload());
    }

    /** A packed LOCKER parcel of order O-1 (locker L-1, packed at S-1) placed where {@code ready} says. */
    private static List<OrderEvents.Event> lockerParcelReady(PickupPlacement.Ready ready) {
        return TransitionEvents.of(
                locked(OrderApi.Method.LOCKER, "PACKED", null, null),
                FulfillmentStatus.READY_FOR_PICKUP,
                null,
                Map.of(),
                TransitionEvents.Done.ready(ready, "sealed"));
    }

    private static List<String> types(List<OrderEvents.Event> events) {
        return events.stream().map(OrderEvents.Event::type).toList();
    }
}
