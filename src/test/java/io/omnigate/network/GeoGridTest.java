package io.omnigate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class GeoGridTest {

    private static Location at(String id, LocationType type, double lat, double lon, Capability... capabilities) {
        return TestLocations.at(id, type, lat, lon, capabilities);
    }

    @Test
    void nearestComeFirstAndRadiusIsRespected() {
        Location milanCentre = at("A", LocationType.STORE, 45.4642, 9.19);
        Location milanNorth = at("B", LocationType.STORE, 45.50, 9.20);
        Location bergamo = at("C", LocationType.STORE, 45.698, 9.677);
        Location rome = at("D", LocationType.STORE, 41.9028, 12.4964);
        GeoGrid grid = GeoGrid.of(List.of(rome, bergamo, milanNorth, milanCentre));

        List<Nearby> near = grid.nearest(45.4642, 9.19, 60, 10, l -> true);

        assertEquals(
                List.of("A", "B", "C"),
                near.stream().map(n -> n.location().id()).toList());
        assertEquals(0.0, near.get(0).distanceKm(), 0.01);
        assertEquals(45.0, near.get(2).distanceKm(), 3.0);
    }

    @Test
    void filterAndLimitApply() {
        GeoGrid grid = GeoGrid.of(List.of(
                at("A", LocationType.STORE, 45.46, 9.19),
                at("B", LocationType.DC, 45.47, 9.19),
                at("C", LocationType.STORE, 45.48, 9.19, Capability.PICKUP),
                at("D", LocationType.STORE, 45.49, 9.19, Capability.PICKUP)));

        List<Nearby> pickup = grid.nearest(45.46, 9.19, Double.POSITIVE_INFINITY, 1, l -> l.has(Capability.PICKUP));

        assertEquals(1, pickup.size());
        assertEquals("C", pickup.get(0).location().id());
    }

    @Test
    void unboundedSearchFindsFarAwayLocations() {
        GeoGrid grid = GeoGrid.of(
                List.of(at("NY", LocationType.STORE, 40.71, -74.0), at("LA", LocationType.STORE, 34.05, -118.24)));

        List<Nearby> found = grid.nearest(45.46, 9.19, Double.POSITIVE_INFINITY, 5, l -> true);

        assertEquals(
                List.of("NY", "LA"), found.stream().map(n -> n.location().id()).toList());
    }

    @Test
    void agreesWithBruteForceOnRandomNetworks() {
        Random random = new Random(7);
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            locations.add(at(
                    "L" + i,
                    i % 5 == 0 ? LocationType.DC : LocationType.STORE,
                    35 + random.nextDouble() * 25,
                    -10 + random.nextDouble() * 40));
        }
        GeoGrid grid = GeoGrid.of(locations);
        Predicate<Location> stores = l -> l.type() == LocationType.STORE;
        for (int q = 0; q < 200; q++) {
            double lat = 35 + random.nextDouble() * 25;
            double lon = -10 + random.nextDouble() * 40;
            double radius = q % 2 == 0 ? 150 : Double.POSITIVE_INFINITY;
            List<String> expected = locations.stream()
                    .filter(stores)
                    .filter(l -> Geo.distanceKm(lat, lon, l.lat(), l.lon()) <= radius)
                    .sorted(Comparator.comparingDouble((Location l) -> Geo.distanceKm(lat, lon, l.lat(), l.lon()))
                            .thenComparing(Location::id))
                    .limit(7)
                    .map(Location::id)
                    .toList();

            List<String> actual = grid.nearest(lat, lon, radius, 7, stores).stream()
                    .map(n -> n.location().id())
                    .toList();

            assertEquals(expected, actual, "query " + q);
        }
    }

    @Test
    void distanceMatchesKnownCityPairs() {
        double milanRome = Geo.distanceKm(45.4642, 9.19, 41.9028, 12.4964);
        assertTrue(Math.abs(milanRome - 477) < 5, "Milan-Rome is about 477 km, got " + milanRome);
    }
}
