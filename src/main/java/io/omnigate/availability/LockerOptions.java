package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Window;
import io.omnigate.network.Nearby;
import io.omnigate.network.ParcelSize;
import io.omnigate.routing.SourcingPlanner.CartLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** LOCKER options: nearest lockers with a compartment for the parcel, each from its first feeder with the cart. */
final class LockerOptions {

    private LockerOptions() {}

    static List<Option> build(OptionInputs in) {
        ParcelSize size = parcelSize(in);
        PromisableStock stock = in.stock();
        List<Option> options = new ArrayList<>();
        for (Nearby locker : in.candidates().lockers()) {
            if (!size.fitsAny(locker.location().compartments())) {
                continue;
            }
            for (Nearby feeder : in.candidates()
                    .lockerFeeders()
                    .getOrDefault(locker.location().id(), List.of())) {
                String feederId = feeder.location().id();
                Map<String, Integer> atp = stock.atp(feederId);
                if (!stock.covers(atp)) {
                    continue;
                }
                Optional<Instant> prepared = stock.preparedAt(feeder.location());
                if (prepared.isEmpty()) {
                    continue;
                }
                Instant readyAt = prepared.get().plus(in.rules().lockerTransfer());
                options.add(Option.atLocker(
                        locker.location().id(),
                        OptionInputs.round(locker.distanceKm()),
                        stock.lines(atp),
                        new Window(readyAt, readyAt.plus(in.rules().lockerHold())),
                        stock.source(feederId),
                        feederId));
                break;
            }
            if (options.size() >= in.query().maxLocations()) {
                break;
            }
        }
        return options;
    }

    /** The largest parcel size among the cart's SKUs (M when a SKU names none). */
    static ParcelSize parcelSize(OptionInputs in) {
        ParcelSize largest = ParcelSize.S;
        for (CartLine line : in.query().cart()) {
            largest = largest.max(ParcelSize.stored(in.stock().view().parcelSize(line.sku())));
        }
        return largest;
    }
}
