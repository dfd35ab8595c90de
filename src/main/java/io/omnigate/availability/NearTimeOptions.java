package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.availability.AvailabilityResponse.Window;
import io.omnigate.network.Nearby;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The next pickup windows that inbound receipts make possible when no shelf holds the cart now. */
final class NearTimeOptions {

    private NearTimeOptions() {}

    static List<Option> pickups(OptionInputs in, FulfillmentMethod method, List<Nearby> stores) {
        PromisableStock stock = in.stock();
        List<Option> options = new ArrayList<>();
        for (Nearby store : stores) {
            String id = store.location().id();
            Instant covered = stock.coveredAt(id);
            if (covered == null) {
                continue;
            }
            stock.nextPickup(store.location(), covered)
                    .ifPresent(ready -> options.add(Option.atStore(
                            method,
                            id,
                            OptionInputs.round(store.distanceKm()),
                            stock.lines(stock.atp(id)),
                            new Window(ready.readyAt(), ready.windowTo()),
                            Source.NEAR_TIME)));
        }
        options.sort(Comparator.comparing(Option::readyAt).thenComparing(Option::distanceKm));
        return in.limit(options);
    }
}
