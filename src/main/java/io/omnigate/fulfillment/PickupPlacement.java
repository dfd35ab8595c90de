package io.omnigate.fulfillment;

import io.omnigate.network.Location;
import io.omnigate.network.NetworkIndex;
import io.omnigate.network.ParcelSize;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides where a parcel waits once it is READY_FOR_PICKUP, taking a locker compartment if it needs one. */
@ApplicationScoped
class PickupPlacement {

    /**
     * Where a ready parcel waits: a pickup location, its compartment there (lockers only) and
     * whether the customer's locker was full, so it waits at the locker's store instead.
     */
    record Ready(String pickupLocationId, String compartment, boolean lockerFull) {}

    private final FulfillmentRepository repository;
    private final NetworkIndex network;

    PickupPlacement(FulfillmentRepository repository, NetworkIndex network) {
        this.repository = repository;
        this.network = network;
    }

    /**
     * A LOCKER parcel in the smallest free compartment of at least its size at the customer's
     * locker, or, when that locker is full, at the locker's store; a ship-to-store pickup at the
     * store it was carried to; any other pickup at the store that prepared it.
     */
    Uni<Ready> place(SqlConnection conn, LockedFulfillment locked, ParcelSize parcelSize) {
        OrderRepository.StoredFulfillment f = locked.target();
        if (locked.method() != OrderApi.Method.LOCKER) {
            return repository
                    .transferTo(conn, f.id())
                    .map(carriedTo -> new Ready(carriedTo.orElse(f.locationId()), null, false));
        }
        Optional<Location> locker = network.get(locked.orderedPickupLocationId());
        if (locker.isEmpty()) {
            return Uni.createFrom().item(new Ready(f.locationId(), null, true));
        }
        Location at = locker.get();
        Map<ParcelSize, Integer> compartments = at.compartments() == null ? Map.of() : at.compartments();
        if (compartments.isEmpty()) {
            return Uni.createFrom().item(new Ready(at.id(), null, false));
        }
        List<ParcelSize> sizes = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (ParcelSize size : parcelSize.fittingCompartments()) {
            if (compartments.getOrDefault(size, 0) > 0) {
                sizes.add(size);
                counts.add(compartments.get(size));
            }
        }
        String fallback = at.parentLocationId() != null ? at.parentLocationId() : f.locationId();
        if (sizes.isEmpty()) {
            return Uni.createFrom().item(new Ready(fallback, null, true));
        }
        return repository
                .assignCompartment(conn, at.id(), sizes, counts, f.id())
                .map(compartment -> compartment
                        .map(c -> new Ready(at.id(), c, false))
                        .orElseGet(() -> new Ready(fallback, null, true)));
    }
}
