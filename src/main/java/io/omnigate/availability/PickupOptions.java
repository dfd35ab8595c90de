package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Window;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PICKUP and CURBSIDE options: stores with the whole cart on their shelf first (a qualifying
 * preferred store before the rest), then, when none has it, a split and near-time windows; stores
 * fed by a transfer (ship-to-store) come after the same-store options.
 */
final class PickupOptions {

    private PickupOptions() {}

    static List<Option> build(OptionInputs in, FulfillmentMethod method, Capability capability) {
        List<Nearby> stores = in.candidates().pickup().values().stream()
                .filter(n -> n.location().has(capability))
                .sorted(Comparator.comparingDouble(Nearby::distanceKm))
                .toList();
        PromisableStock stock = in.stock();
        List<Option> sameStore = new ArrayList<>();
        for (Nearby store : stores) {
            String id = store.location().id();
            Map<String, Integer> atp = stock.atp(id);
            if (stock.covers(atp)) {
                stock.nextPickup(store.location(), in.query().now())
                        .ifPresent(ready -> sameStore.add(Option.atStore(
                                method,
                                id,
                                OptionInputs.round(store.distanceKm()),
                                stock.lines(atp),
                                new Window(ready.readyAt(), ready.windowTo()),
                                stock.source(id))));
            }
        }
        String preferred = in.query().preferredLocationId();
        if (preferred != null) {
            sameStore.sort(Comparator.comparing(o -> !preferred.equals(o.locationId())));
        }
        List<Option> options = new ArrayList<>(in.limit(sameStore));
        if (sameStore.isEmpty()) {
            SplitOptions.pickup(in, method, stores).ifPresent(options::add);
        }
        options.addAll(transfers(in, method, stores));
        if (sameStore.isEmpty()) {
            options.addAll(NearTimeOptions.pickups(in, method, stores));
        }
        return options;
    }

    /** Ship-to-store: each store that lacks the cart, with the feeder that gets it there first. */
    static List<Option> transfers(OptionInputs in, FulfillmentMethod method, List<Nearby> stores) {
        List<Option> options = new ArrayList<>();
        for (Nearby store : stores) {
            List<Nearby> feeders =
                    in.candidates().storeFeeders().get(store.location().id());
            if (feeders == null
                    || in.stock().covers(in.stock().atp(store.location().id()))) {
                continue;
            }
            transfer(in, method, store, feeders).ifPresent(options::add);
        }
        options.sort(Comparator.comparing(Option::readyAt).thenComparing(Option::distanceKm));
        return in.limit(options);
    }

    private static Optional<Option> transfer(
            OptionInputs in, FulfillmentMethod method, Nearby store, List<Nearby> feeders) {
        PromisableStock stock = in.stock();
        Location pickupStore = store.location();
        Option best = null;
        for (Nearby feeder : feeders) {
            Location from = feeder.location();
            Map<String, Integer> atp = stock.atp(from.id());
            if (!stock.covers(atp)) {
                continue;
            }
            Optional<PickupScheduler.Ready> ready = stock.preparedAt(from)
                    .map(prepared -> prepared.plus(in.rules().transferToStore(from.type())))
                    .flatMap(arrival -> stock.nextPickupOnArrival(pickupStore, arrival));
            if (ready.isPresent() && (best == null || ready.get().readyAt().isBefore(best.readyAt()))) {
                Instant readyAt = ready.get().readyAt();
                best = Option.transferredToStore(
                        method,
                        pickupStore.id(),
                        OptionInputs.round(store.distanceKm()),
                        stock.lines(atp),
                        new Window(readyAt, ready.get().windowTo()),
                        from.id());
            }
        }
        return Optional.ofNullable(best);
    }
}
