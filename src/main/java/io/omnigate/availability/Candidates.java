package io.omnigate.availability;

import io.omnigate.network.Nearby;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The candidate locations of one request, found in memory before any I/O.
 *
 * @param pickup stores for PICKUP and CURBSIDE by id, nearest first
 * @param lockerFeeders per locker id, where its parcels can come from (parent first)
 * @param storeFeeders per pickup store id, the DCs and stores that can transfer stock to it (ship-to-store)
 */
record Candidates(
        Map<String, Nearby> pickup,
        List<Nearby> sameDay,
        List<Nearby> ship,
        List<Nearby> lockers,
        Map<String, List<Nearby>> lockerFeeders,
        Map<String, List<Nearby>> storeFeeders) {

    /** Every location whose stock the answer may need. */
    Set<String> locationIds() {
        Set<String> ids = new LinkedHashSet<>(pickup.keySet());
        sameDay.forEach(n -> ids.add(n.location().id()));
        ship.forEach(n -> ids.add(n.location().id()));
        lockerFeeders
                .values()
                .forEach(list -> list.forEach(n -> ids.add(n.location().id())));
        storeFeeders
                .values()
                .forEach(list -> list.forEach(n -> ids.add(n.location().id())));
        return ids;
    }
}
