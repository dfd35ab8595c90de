package io.omnigate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class NearestCacheTest {

    @Test
    void cellCandidateSetsAnswerExactlyWhatTheGridAnswers() {
        Random random = new Random(7);
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Capability[] capabilities = i % 3 == 0 ? new Capability[] {Capability.PICKUP} : new Capability[0];
            locations.add(TestLocations.at(
                    "L" + i,
                    i % 10 == 0 ? LocationType.DC : LocationType.STORE,
                    45 + random.nextDouble() * 3,
                    8 + random.nextDouble() * 4,
                    capabilities));
        }
        GeoGrid grid = GeoGrid.of(locations);
        NearestCache cache = new NearestCache(grid);
        Predicate<Location> pickup = l -> l.has(Capability.PICKUP);
        Predicate<Location> dc = l -> l.type() == LocationType.DC;
        for (int q = 0; q < 2_000; q++) {
            // Points cluster around a few spots, so cells are reused as a city's checkouts reuse them.
            double lat = 45.5 + (q % 7) * 0.3 + random.nextDouble() * 0.15;
            double lon = 8.5 + (q % 5) * 0.6 + random.nextDouble() * 0.15;
            assertEquals(
                    ids(grid.nearest(lat, lon, 25, 5, pickup)),
                    ids(cache.nearest("pickup", lat, lon, 25, 5, pickup)),
                    "pickup at " + lat + "," + lon);
            assertEquals(
                    ids(grid.nearest(lat, lon, Double.POSITIVE_INFINITY, 4, dc)),
                    ids(cache.nearest("dc", lat, lon, Double.POSITIVE_INFINITY, 4, dc)),
                    "dc at " + lat + "," + lon);
        }
    }

    /**
     * The cache ranks by chord and measures exactly only what can make the answer: it must still
     * return the very same distances and order as ranking everything by great-circle distance, also
     * for twins at one spot (ties broken by id), neighbours a metre apart and stores on the radius.
     */
    @Test
    void chordRankingReturnsTheExactDistancesAndOrderOfFullRanking() {
        Random random = new Random(11);
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double lat = 45 + random.nextDouble();
            double lon = 9 + random.nextDouble();
            locations.add(TestLocations.at("S" + i, LocationType.STORE, lat, lon));
            if (i % 5 == 0) {
                locations.add(TestLocations.at("T" + i, LocationType.STORE, lat, lon));
                locations.add(TestLocations.at("U" + i, LocationType.STORE, lat + 0.00001, lon));
            }
        }
        GeoGrid grid = GeoGrid.of(locations);
        NearestCache cache = new NearestCache(grid);
        Predicate<Location> all = l -> true;
        for (int q = 0; q < 3_000; q++) {
            double lat = 45.2 + (q % 4) * 0.15 + random.nextDouble() * 0.05;
            double lon = 9.2 + (q % 3) * 0.2 + random.nextDouble() * 0.05;
            Location on = locations.get(random.nextInt(locations.size()));
            double radius = q % 2 == 0 ? 15 : Geo.distanceKm(lat, lon, on.lat(), on.lon());
            int limit = 1 + q % 20;
            assertEquals(
                    grid.nearest(lat, lon, radius, limit, all),
                    cache.nearest("all", lat, lon, radius, limit, all),
                    "at " + lat + "," + lon + " within " + radius + " limit " + limit);
            assertEquals(
                    grid.nearest(lat, lon, Double.POSITIVE_INFINITY, limit, all),
                    cache.nearest("all", lat, lon, Double.POSITIVE_INFINITY, limit, all),
                    "at " + lat + "," + lon + " limit " + limit);
        }
    }

    private static List<String> ids(List<Nearby> found) {
        return found.stream()
                .map(n -> n.location().id() + "@" + Math.round(n.distanceKm() * 1000))
                .toList();
    }
}
