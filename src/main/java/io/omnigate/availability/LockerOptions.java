package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Window;
import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import io.omnigate.routing.SourcingPlanner.CartLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** LOCKER options: nearest lockers with a compartment for the parcel, each from its first feeder with the cart. */
final class LockerOptions {

    private static final List<String> PARCEL_SIZES = List.of("S", "M", "L");

    private LockerOptions() {}

    static List<Option> build(OptionInputs in) {
        String size = parcelSize(in);
        PromisableStock stock = in.stock();
        List<Option> options = new ArrayList<>();
        for (Nearby locker : in.candidates().lockers()) {
            if (!hasCompartment(locker.location(), size)) {
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
    static String parcelSize(OptionInputs in) {
        int largest = 0;
        for (CartLine line : in.query().cart()) {
            String size = in.stock().view().parcelSize(line.sku());
            largest = Math.max(largest, size == null ? 1 : Math.max(0, PARCEL_SIZES.indexOf(size)));
        }
        return PARCEL_SIZES.get(largest);
    }

    private static boolean hasCompartment(Location locker, String size) {
        for (int i = PARCEL_SIZES.indexOf(size); i < PARCEL_SIZES.size(); i++) {
            if (locker.compartments().getOrDefault(PARCEL_SIZES.get(i), 0) > 0) {
                return true;
            }
        }
        return false;
    }
}
