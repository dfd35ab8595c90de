package io.omnigate.fulfillment;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of one transition, built once from what it already did: the fulfillment's own event
 * and, where a parcel arrives at or leaves a pickup point, that point's event. Pure, so the
 * payloads are fixed before anything is written.
 */
final class TransitionEvents {

    /**
     * What a transition did besides its status: where a ready parcel waits and its sealed pickup
     * code, or how long a customer waited at the curb before a hand-over.
     */
    record Done(PickupPlacement.Ready ready, String sealedCode, Optional<Duration> curbWait) {

        static final Done NOTHING = new Done(null, null, Optional.empty());

        static Done ready(PickupPlacement.Ready ready, String sealedCode) {
            return new Done(ready, sealedCode, Optional.empty());
        }

        static Done handedOver(Optional<Duration> curbWait) {
            return new Done(null, null, curbWait);
        }
    }

    private TransitionEvents() {}

    /**
     * The events of moving {@code locked}'s fulfillment to {@code to}: {@code reason} and
     * {@code details} (reason code, hand-over proof) go into the fulfillment event's payload.
     */
    static List<OrderEvents.Event> of(
            LockedFulfillment locked, FulfillmentStatus to, String reason, Map<String, Object> details, Done done) {
        OrderRepository.StoredFulfillment f = locked.target();
        String from = f.status().name();
        String status = to.name();
        List<OrderEvents.Event> events = new ArrayList<>();
        events.add(new OrderEvents.Event(
                OrderEvents.FULFILLMENT_STATUS,
                locked.orderId(),
                f.id(),
                f.locationId(),
                status,
                from,
                fulfillmentPayload(locked, reason, details, done)));
        if (done.ready() != null) {
            PickupPlacement.Ready ready = done.ready();
            events.add(new OrderEvents.Event(
                    OrderEvents.PICKUP_READY,
                    locked.orderId(),
                    f.id(),
                    ready.pickupLocationId(),
                    status,
                    from,
                    pointPayload(ready.compartment(), ready.lockerFull())));
        }
        String leaving = leavingPointType(f.status(), to);
        if (leaving != null && f.pickupLocationId() != null) {
            events.add(new OrderEvents.Event(
                    leaving,
                    locked.orderId(),
                    f.id(),
                    f.pickupLocationId(),
                    status,
                    from,
                    pointPayload(f.compartment(), false)));
        }
        return List.copyOf(events);
    }

    private static Map<String, Object> fulfillmentPayload(
            LockedFulfillment locked, String reason, Map<String, Object> details, Done done) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (reason != null) {
            payload.put("reason", reason);
        }
        payload.putAll(details);
        payload.put("method", locked.method());
        PickupPlacement.Ready ready = done.ready();
        if (ready != null) {
            payload.put("pickupLocationId", ready.pickupLocationId());
            if (ready.compartment() != null) {
                payload.put("compartment", ready.compartment());
            }
            if (ready.lockerFull()) {
                payload.put("lockerFull", true);
                payload.put("lockerId", locked.orderedPickupLocationId());
            }
            payload.put(PickupCodes.SEALED_FIELD, done.sealedCode());
        }
        done.curbWait().ifPresent(wait -> payload.put("curbWaitSeconds", wait.toSeconds()));
        return Collections.unmodifiableMap(payload);
    }

    /** A pickup point's payload names the compartment, never the pickup code. */
    private static Map<String, Object> pointPayload(String compartment, boolean lockerFull) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (compartment != null) {
            payload.put("compartment", compartment);
        }
        if (lockerFull) {
            payload.put("lockerFull", true);
        }
        return Collections.unmodifiableMap(payload);
    }

    /** The pickup point hears when a waiting parcel leaves it. */
    private static String leavingPointType(FulfillmentStatus from, FulfillmentStatus to) {
        if (from != FulfillmentStatus.READY_FOR_PICKUP) {
            return null;
        }
        // no default: a status added to FulfillmentStatus does not compile until it is decided here
        return switch (to) {
            case PICKED_UP -> OrderEvents.PICKUP_COLLECTED;
            case EXPIRED -> OrderEvents.PICKUP_EXPIRED;
            case CANCELLED -> OrderEvents.PICKUP_CANCELLED;
            case ASSIGNED, ACCEPTED, PICKING, PACKED, READY_FOR_PICKUP, SHIPPED, DELIVERED, REJECTED, RETURNED -> null;
        };
    }
}
