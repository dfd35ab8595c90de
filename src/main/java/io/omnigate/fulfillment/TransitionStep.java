package io.omnigate.fulfillment;

import io.omnigate.inventory.ReservationStatus;
import io.omnigate.network.ParcelSize;
import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderArrivals;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderRepository;
import io.omnigate.orders.Reservations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Carries out one transition the state machine allowed on a locked fulfillment: its stock,
 * compartment, pickup code and status first, then the events describing what was done. Stock
 * leaves the shelf at PICKED_UP and SHIPPED and goes back to ATP at CANCELLED and EXPIRED.
 */
@ApplicationScoped
class TransitionStep {

    private final OrderRepository orders;
    private final FulfillmentRepository repository;
    private final Reservations reservations;
    private final OrderArrivals arrivals;
    private final PickupPlacement placement;
    private final PickupCodes codes;
    private final FulfillmentConfig config;

    TransitionStep(
            OrderRepository orders,
            FulfillmentRepository repository,
            Reservations reservations,
            OrderArrivals arrivals,
            PickupPlacement placement,
            PickupCodes codes,
            FulfillmentConfig config) {
        this.orders = orders;
        this.repository = repository;
        this.reservations = reservations;
        this.arrivals = arrivals;
        this.placement = placement;
        this.codes = codes;
        this.config = config;
    }

    /**
     * Moves the locked fulfillment to {@code to} and returns the events of the fulfillment and its
     * pickup point (not yet written). {@code details} (reason code, hand-over proof) go into the
     * fulfillment event's payload; a hand-over adds the curb wait when the customer had said they
     * were here.
     */
    Uni<List<OrderEvents.Event>> apply(
            SqlConnection conn,
            LockedFulfillment locked,
            FulfillmentStatus to,
            String reason,
            ParcelSize parcelSize,
            Map<String, Object> details) {
        String id = locked.target().id();
        return effects(conn, locked, to, parcelSize)
                .call(() -> orders.setFulfillmentStatus(conn, List.of(id), to, reason))
                .map(done -> TransitionEvents.of(locked, to, reason, details, done));
    }

    private Uni<TransitionEvents.Done> effects(
            SqlConnection conn, LockedFulfillment locked, FulfillmentStatus to, ParcelSize parcelSize) {
        OrderRepository.StoredFulfillment f = locked.target();
        // no default: a status added to FulfillmentStatus does not compile until it is decided here
        return switch (to) {
            case READY_FOR_PICKUP -> readyForPickup(conn, locked, parcelSize);
            case PICKED_UP ->
                reservations
                        .consumeFulfillment(conn, f.id())
                        .chain(() -> arrivals.handedOver(
                                conn,
                                locked.orderId(),
                                f.pickupLocationId() != null ? f.pickupLocationId() : f.locationId()))
                        .map(TransitionEvents.Done::handedOver);
            case SHIPPED -> reservations.consumeFulfillment(conn, f.id()).map(done -> TransitionEvents.Done.NOTHING);
            case CANCELLED, EXPIRED ->
                reservations
                        .releaseOwned(
                                conn,
                                Reservations.OwnerColumn.FULFILLMENT,
                                List.of(f.id()),
                                to == FulfillmentStatus.CANCELLED
                                        ? ReservationStatus.RELEASED
                                        : ReservationStatus.EXPIRED)
                        .map(done -> TransitionEvents.Done.NOTHING);
            case ASSIGNED, ACCEPTED, PICKING, PACKED, DELIVERED, REJECTED, RETURNED ->
                Uni.createFrom().item(TransitionEvents.Done.NOTHING);
        };
    }

    /** Places the parcel, stores its new code's hash and keeps the code only sealed, for the event. */
    private Uni<TransitionEvents.Done> readyForPickup(
            SqlConnection conn, LockedFulfillment locked, ParcelSize parcelSize) {
        String fulfillmentId = locked.target().id();
        String code = codes.newCode();
        return placement
                .place(conn, locked, parcelSize == null ? config.defaultParcelSize() : parcelSize)
                .call(ready -> repository.markReady(
                        conn,
                        fulfillmentId,
                        ready.pickupLocationId(),
                        ready.compartment(),
                        codes.hash(fulfillmentId, code)))
                .map(ready -> TransitionEvents.Done.ready(ready, codes.seal(code)));
    }
}
