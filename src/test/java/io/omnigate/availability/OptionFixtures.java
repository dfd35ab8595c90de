package io.omnigate.availability;

import io.omnigate.availability.AvailabilityRequest.Destination;
import io.omnigate.availability.AvailabilityRequest.Line;
import io.omnigate.carriers.Quote;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.Location.TimeRange;
import io.omnigate.network.LocationType;
import io.omnigate.network.Nearby;
import io.omnigate.network.ParcelSize;
import io.omnigate.routing.RoutingPolicy;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Inputs for the pure option builders: locations open 08:00 to 20:00 UTC every day, stock synced now. */
final class OptionFixtures {

    /** Wednesday 2026-03-11 09:00 UTC. */
    static final Instant NOW = Instant.parse("2026-03-11T09:00:00Z");

    static final PromiseRules RULES = new PromiseRules(
            Duration.ofMinutes(30),
            1,
            Duration.ofHours(1),
            Duration.ofDays(7),
            Duration.ofHours(3),
            Duration.ofDays(3),
            Duration.ofHours(24),
            Duration.ofHours(4));

    final StockView stock = StockView.empty();
    final Map<String, Nearby> pickup = new LinkedHashMap<>();
    final Map<String, List<Nearby>> storeFeeders = new LinkedHashMap<>();
    final List<Nearby> ship = new ArrayList<>();
    final List<Nearby> lockers = new ArrayList<>();
    final Map<String, List<Nearby>> lockerFeeders = new LinkedHashMap<>();
    final List<Quote> quotes = new ArrayList<>();

    static Location location(String id, LocationType type, Capability... capabilities) {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(new TimeRange(LocalTime.of(8, 0), LocalTime.of(20, 0))));
        }
        return new Location(
                id,
                type,
                id,
                45.0,
                9.0,
                "UTC",
                Set.of(capabilities),
                hours,
                List.of(),
                60,
                10,
                Map.of(),
                null,
                null,
                0,
                NOW,
                null,
                1,
                NOW);
    }

    Location pickupStore(String id, double km, Capability... capabilities) {
        Location store = location(id, LocationType.STORE, capabilities);
        pickup.put(id, new Nearby(store, km));
        return store;
    }

    void feeds(Location store, Location... feeders) {
        List<Nearby> list = new ArrayList<>();
        for (Location feeder : feeders) {
            list.add(new Nearby(feeder, 50));
        }
        storeFeeders.put(store.id(), list);
    }

    Location locker(String id, double km, Location... feeders) {
        Location locker = new Location(
                id,
                LocationType.LOCKER,
                id,
                45.0,
                9.0,
                "UTC",
                Set.of(Capability.LOCKER),
                Map.of(),
                List.of(),
                0,
                10,
                Map.of(ParcelSize.M, 2),
                null,
                null,
                0,
                NOW,
                null,
                1,
                NOW);
        lockers.add(new Nearby(locker, km));
        List<Nearby> fed = new ArrayList<>();
        for (Location feeder : feeders) {
            fed.add(new Nearby(feeder, 5));
        }
        lockerFeeders.put(id, fed);
        return locker;
    }

    Location shipFrom(String id, double km) {
        Location dc = location(id, LocationType.DC, Capability.SHIP_FROM);
        ship.add(new Nearby(dc, km));
        return dc;
    }

    void quote(Location from, String service, String amount) {
        quotes.add(new Quote("post", service, from.id(), new BigDecimal(amount), "EUR", LocalDate.of(2026, 3, 13)));
    }

    void inbound(Location at, String sku, int qty, Instant eta) {
        stock.inbound(at.id(), sku, eta, qty);
    }

    void stock(Location at, String sku, int atp) {
        stock.atp(at.id(), sku, atp);
        stock.syncedAt(at.id(), NOW);
        stock.parcelSize(sku, "M");
    }

    OptionInputs inputs(Map<String, Integer> cart, FulfillmentMethod... methods) {
        List<Line> lines = new ArrayList<>();
        cart.forEach((sku, qty) -> lines.add(new Line(sku, qty)));
        AvailabilityRequest body =
                new AvailabilityRequest(lines, new Destination(45.0, 9.0, null, null), Set.of(methods), null, 3, null);
        AvailabilityQuery query = AvailabilityQuery.of(body, NOW, RoutingPolicy.defaults());
        Candidates candidates = new Candidates(pickup, List.of(), ship, lockers, lockerFeeders, storeFeeders);
        return new OptionInputs(
                query, candidates, new PromisableStock(query, stock, RULES), new CarrierQuotes(quotes), RULES);
    }
}
