package io.omnigate.availability;

import io.omnigate.network.Capability;
import io.omnigate.network.Geo;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.Nearby;
import io.omnigate.network.NetworkIndex;
import io.omnigate.routing.RoutingPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds a request's candidate locations in the in-memory network: pure CPU, no I/O. */
@ApplicationScoped
class CandidateFinder {

    private static final int LOCKER_FEEDERS = 3;

    /** Names of the candidate filters, so the network can remember their answers per grid cell. */
    private enum Family {
        PICKUP,
        SAME_DAY,
        LOCKER,
        LOCKER_FEEDER,
        STORE_FEEDER
    }

    /** Ship-from candidates depend on the routing policy's ship-from types. */
    private record ShipFrom(Set<LocationType> types) {}

    private final NetworkIndex network;
    private final AvailabilityConfig config;

    CandidateFinder(NetworkIndex network, AvailabilityConfig config) {
        this.network = network;
        this.config = config;
    }

    Candidates find(AvailabilityQuery query) {
        Map<String, Nearby> pickup = query.wantsPickupAtStore() ? pickupStores(query) : Map.of();
        List<Nearby> sameDay = query.wants(FulfillmentMethod.SAME_DAY)
                ? network.nearestCached(
                        Family.SAME_DAY,
                        query.lat(),
                        query.lon(),
                        config.sameDayRadiusKm(),
                        config.sameDayCandidates(),
                        CandidateFinder::isSameDayStore)
                : List.of();
        RoutingPolicy policy = query.policy();
        List<Nearby> ship = query.wants(FulfillmentMethod.SHIP)
                ? network.nearestCached(
                        new ShipFrom(policy.shipFromTypes()),
                        query.lat(),
                        query.lon(),
                        Double.POSITIVE_INFINITY,
                        config.shipCandidates(),
                        l -> canShip(l, policy))
                : List.of();
        List<Nearby> lockers = List.of();
        Map<String, List<Nearby>> lockerFeeders = new LinkedHashMap<>();
        if (query.wants(FulfillmentMethod.LOCKER)) {
            lockers = network.nearestCached(
                    Family.LOCKER,
                    query.lat(),
                    query.lon(),
                    config.lockerRadiusKm(),
                    Math.max(query.maxLocations() * 2, 4),
                    CandidateFinder::isLocker);
            lockers.forEach(locker -> lockerFeeders.put(locker.location().id(), lockerFeeders(locker.location())));
        }
        return new Candidates(pickup, sameDay, ship, lockers, lockerFeeders, storeFeeders(query, pickup));
    }

    private Map<String, Nearby> pickupStores(AvailabilityQuery query) {
        RoutingPolicy policy = query.policy();
        Map<String, Nearby> pickup = new LinkedHashMap<>();
        network.nearestCached(
                        Family.PICKUP,
                        query.lat(),
                        query.lon(),
                        policy.maxPickupDistanceKm(),
                        config.pickupCandidates(),
                        CandidateFinder::isPickupStore)
                .forEach(n -> pickup.put(n.location().id(), n));
        String preferred = query.preferredLocationId();
        if (preferred != null && !pickup.containsKey(preferred)) {
            network.get(preferred).filter(CandidateFinder::isPickupStore).ifPresent(l -> {
                double km = Geo.distanceKm(query.lat(), query.lon(), l.lat(), l.lon());
                if (km <= policy.maxPickupDistanceKm()) {
                    pickup.put(l.id(), new Nearby(l, km));
                }
            });
        }
        return pickup;
    }

    /** Ship-to-store: the feeders of the nearest few pickup stores (and of the preferred one). */
    private Map<String, List<Nearby>> storeFeeders(AvailabilityQuery query, Map<String, Nearby> pickup) {
        AvailabilityConfig.ShipToStore shipToStore = config.shipToStore();
        if (!shipToStore.enabled() || pickup.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Nearby>> feeders = new LinkedHashMap<>();
        int stores = 0;
        for (Nearby store : pickup.values()) {
            boolean preferred = store.location().id().equals(query.preferredLocationId());
            if (stores < shipToStore.storesPerRequest() || preferred) {
                Location l = store.location();
                feeders.put(
                        l.id(),
                        network.nearestAround(
                                Family.STORE_FEEDER,
                                l,
                                shipToStore.feederRadiusKm(),
                                shipToStore.feedersPerStore(),
                                f -> canFeed(f) && !f.id().equals(l.id())));
                stores++;
            }
        }
        return feeders;
    }

    private List<Nearby> lockerFeeders(Location locker) {
        List<Nearby> fed = new ArrayList<>();
        if (locker.parentLocationId() != null) {
            network.get(locker.parentLocationId())
                    .ifPresent(parent -> fed.add(new Nearby(
                            parent, Geo.distanceKm(locker.lat(), locker.lon(), parent.lat(), parent.lon()))));
        }
        network
                .nearestAround(
                        Family.LOCKER_FEEDER,
                        locker,
                        config.lockerFeederRadiusKm(),
                        LOCKER_FEEDERS,
                        CandidateFinder::canFeed)
                .stream()
                .filter(n -> !n.location().id().equals(locker.parentLocationId()))
                .forEach(fed::add);
        return fed;
    }

    static boolean isPickupStore(Location l) {
        return l.type() == LocationType.STORE && (l.has(Capability.PICKUP) || l.has(Capability.CURBSIDE));
    }

    private static boolean isSameDayStore(Location l) {
        return l.type() == LocationType.STORE && l.has(Capability.SAME_DAY);
    }

    private static boolean isLocker(Location l) {
        return l.has(Capability.LOCKER)
                && l.compartments() != null
                && !l.compartments().isEmpty();
    }

    private static boolean canShip(Location l, RoutingPolicy policy) {
        if (!policy.shipFromTypes().contains(l.type())) {
            return false;
        }
        return l.type() != LocationType.STORE || l.has(Capability.SHIP_FROM);
    }

    /** Who can prepare goods for another location: a DC, or a store that ships. */
    static boolean canFeed(Location l) {
        return l.type() == LocationType.DC || (l.type() == LocationType.STORE && l.has(Capability.SHIP_FROM));
    }
}
