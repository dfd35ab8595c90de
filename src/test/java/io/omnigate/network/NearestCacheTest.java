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

    private static List<String> ids(List<Nearby> found) {
        return found.stream()
                .map(n -> n.location().id() + "@" + Math.round(n.distanceKm() * 1000))
                .toList();
    }
}
