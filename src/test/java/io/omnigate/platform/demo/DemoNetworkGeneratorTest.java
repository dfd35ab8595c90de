package io.omnigate.platform.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.platform.demo.DemoNetworkGenerator.Location;
import io.omnigate.platform.demo.DemoNetworkGenerator.LocationType;
import io.omnigate.platform.demo.DemoNetworkGenerator.Sku;
import io.omnigate.platform.demo.DemoNetworkGenerator.StockRow;
import io.omnigate.platform.demo.DemoNetworkGenerator.StockSync;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoNetworkGeneratorTest {

    private static final Instant LOAD_TIME = Instant.parse("2026-03-10T10:15:30Z");

    private static DemoNetworkGenerator demo;

    @BeforeAll
    static void generateDemoNetwork() {
        demo = new DemoNetworkGenerator(NetworkSize.DEMO, 42, LOAD_TIME);
    }

    @Test
    void sameSeedGivesTheSameNetwork() {
        DemoNetworkGenerator again = new DemoNetworkGenerator(NetworkSize.DEMO, 42, LOAD_TIME);

        assertEquals(demo.locations(), again.locations());
        assertEquals(demo.skus(), again.skus());
        assertEquals(demo.inbound(), again.inbound());
        assertEquals(demo.stock().toList(), again.stock().toList());
    }

    @Test
    void differentSeedGivesADifferentNetwork() {
        DemoNetworkGenerator other = new DemoNetworkGenerator(NetworkSize.DEMO, 43, LOAD_TIME);

        assertNotEquals(demo.locations(), other.locations());
        assertNotEquals(demo.skus(), other.skus());
        assertNotEquals(demo.stock().toList(), other.stock().toList());
    }

    @Test
    void stockOfOneLocationDoesNotDependOnWhatWasGeneratedBefore() {
        Location lastStore = demo.locations().get(NetworkSize.DEMO.stores() - 1);
        DemoNetworkGenerator fresh = new DemoNetworkGenerator(NetworkSize.DEMO, 42, LOAD_TIME);

        assertEquals(demo.stockAt(lastStore), fresh.stockAt(lastStore));
    }

    @Test
    void countsMatchTheRequestedSize() {
        assertEquals(60, count(demo, LocationType.STORE));
        assertEquals(3, count(demo, LocationType.DC));
        assertEquals(20, count(demo, LocationType.LOCKER));
        assertEquals(2_000, demo.skus().size());
        assertEquals(300, demo.inbound().size());

        DemoNetworkGenerator overridden = new DemoNetworkGenerator(NetworkSize.DEMO.withStores(75), 42, LOAD_TIME);
        assertEquals(75, count(overridden, LocationType.STORE));
    }

    @Test
    void idsFollowTheDocumentedFormatAndAreUnique() {
        assertEquals("S-0001", demo.locations().get(0).id());
        assertEquals("DC-01", demo.locations().get(60).id());
        assertEquals("L-0001", demo.locations().get(63).id());
        assertEquals("SKU-00001", demo.skus().get(0).sku());
        assertEquals("SKU-02000", demo.skus().get(1_999).sku());
        assertEquals(
                demo.skus().size(),
                demo.skus().stream().map(Sku::sku).distinct().count());
        assertEquals(
                demo.locations().size(),
                demo.locations().stream().map(Location::id).distinct().count());

        DemoNetworkGenerator prefixed = new DemoNetworkGenerator(NetworkSize.DEMO.withIdPrefix("T9-"), 42, LOAD_TIME);
        assertTrue(
                prefixed.locations().stream().allMatch(location -> location.id().startsWith("T9-")));
        assertTrue(prefixed.skus().stream().allMatch(sku -> sku.sku().startsWith("T9-SKU-")));
        assertTrue(prefixed.stock().allMatch(row -> row.sku().startsWith("T9-")));
    }

    @Test
    void everyLockerParentIsAStoreListedBeforeIt() {
        Map<String, Integer> positions = new HashMap<>();
        for (int index = 0; index < demo.locations().size(); index++) {
            positions.put(demo.locations().get(index).id(), index);
        }
        Map<String, Location> byId =
                demo.locations().stream().collect(Collectors.toMap(Location::id, Function.identity()));
        List<Location> lockers = demo.locations().stream()
                .filter(location -> location.type() == LocationType.LOCKER)
                .toList();
        long attached = lockers.stream()
                .filter(locker -> locker.parentLocationId() != null)
                .count();

        assertTrue(attached > 0 && attached < lockers.size(), "about half the lockers are attached: " + attached);
        for (Location locker : lockers) {
            if (locker.parentLocationId() != null) {
                Location parent = byId.get(locker.parentLocationId());
                assertEquals(LocationType.STORE, parent.type(), locker.id());
                assertTrue(positions.get(parent.id()) < positions.get(locker.id()));
                assertTrue(distanceKm(parent, locker) < 3, locker.id() + " sits next to its store");
            }
            assertEquals(Set.of("LOCKER", "PICKUP"), Set.copyOf(locker.capabilities()));
            assertTrue(locker.compartments().keySet().containsAll(List.of("S", "M", "L")));
            assertTrue(demo.stockAt(locker).isEmpty());
        }
    }

    @Test
    void locationsAreValidPlacesWithRealTimeZones() {
        for (Location location : demo.locations()) {
            assertTrue(location.lat() >= -90 && location.lat() <= 90, location.id());
            assertTrue(location.lon() >= -180 && location.lon() <= 180, location.id());
            ZoneId.of(location.timeZone());
            assertTrue(location.address().line1() != null
                    && !location.address().city().isBlank());
            assertEquals(7, location.openingHours().size(), location.id());
        }
        Location store = demo.locations().get(0);
        assertTrue(store.capabilities().containsAll(List.of("PICKUP", "RETURNS")));
        assertEquals(1, store.defaultSafetyStock());
        assertTrue(store.pickupLeadMinutes() >= 60 && store.pickupLeadMinutes() <= 180);
        assertTrue(store.hourlyCapacity() >= 10 && store.hourlyCapacity() <= 40);
        assertTrue(store.hoursExceptions().stream()
                .anyMatch(exception -> exception.date().equals(LocalDate.of(2026, 12, 25))
                        && exception.hours().isEmpty()));
        assertTrue(store.hoursExceptions().stream()
                .anyMatch(exception -> exception.date().equals(LocalDate.of(2027, 1, 1))));
        Location dc = demo.locations().get(60);
        assertEquals("00:00", dc.openingHours().get(DayOfWeek.SUNDAY).get(0).open());
        assertEquals("23:59", dc.openingHours().get(DayOfWeek.SUNDAY).get(0).close());
        assertTrue(dc.capabilities().contains("SHIP_FROM"));
    }

    @Test
    void aFewStoresHaveStaleStockAndLockersNone() {
        long stale = demo.locations().stream()
                .filter(location -> location.stockSync() == StockSync.STALE)
                .count();
        assertTrue(stale >= 1 && stale <= 5, "stale stores: " + stale);
        assertTrue(demo.locations().stream()
                .filter(location -> location.type() == LocationType.LOCKER)
                .allMatch(location -> location.stockSync() == StockSync.NONE));
    }

    @Test
    void popularSkusAreCarriedByFarMoreStoresThanTheMedianSku() {
        DemoNetworkGenerator bench = new DemoNetworkGenerator(NetworkSize.BENCH.withStores(200), 42, LOAD_TIME);
        Map<String, Integer> rankOf = bench.skus().stream().collect(Collectors.toMap(Sku::sku, Sku::popularityRank));
        int[] storesCarrying = new int[bench.skus().size()];
        long storeRows = 0;
        int storeCount = 0;
        for (Location location : bench.locations()) {
            if (location.type() == LocationType.STORE) {
                storeCount++;
                for (StockRow row : bench.stockAt(location)) {
                    storesCarrying[rankOf.get(row.sku()) - 1]++;
                    storeRows++;
                }
            }
        }
        int topPercent = bench.skus().size() / 100;
        double topAverage =
                Arrays.stream(storesCarrying, 0, topPercent).average().orElseThrow();
        int[] sorted = storesCarrying.clone();
        Arrays.sort(sorted);
        int median = sorted[sorted.length / 2];

        assertTrue(topAverage > 10.0 * Math.max(1, median), "top 1% in " + topAverage + " stores, median " + median);
        double rowsPerStore = (double) storeRows / storeCount;
        assertTrue(rowsPerStore > 1_500 && rowsPerStore < 2_500, "rows per store " + rowsPerStore);
    }

    @Test
    void stockAndInboundStayInTheirRanges() {
        Set<String> stockHolders = new HashSet<>();
        demo.stock().forEach(row -> {
            stockHolders.add(row.locationId());
            boolean dc = row.locationId().startsWith("DC-");
            assertTrue(dc ? row.onHand() >= 20 && row.onHand() <= 500 : row.onHand() >= 0 && row.onHand() <= 12);
        });
        assertEquals(63, stockHolders.size());
        assertTrue(demo.stock().anyMatch(row -> row.onHand() == 0), "some shelves are empty");
        for (var receipt : demo.inbound()) {
            Duration ahead = Duration.between(LOAD_TIME, receipt.eta());
            assertTrue(ahead.compareTo(Duration.ofHours(5)) > 0 && ahead.compareTo(Duration.ofDays(5)) <= 0);
            assertTrue(receipt.qty() > 0);
        }
        long popularReceipts = demo.inbound().stream()
                .filter(receipt -> Integer.parseInt(receipt.sku().substring(4)) <= 200)
                .count();
        assertTrue(popularReceipts > demo.inbound().size() / 2, "top 10% SKUs get most receipts: " + popularReceipts);
    }

    private static long count(DemoNetworkGenerator generator, LocationType type) {
        return generator.locations().stream()
                .filter(location -> location.type() == type)
                .count();
    }

    private static double distanceKm(Location a, Location b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.lat()))
                        * Math.cos(Math.toRadians(b.lat()))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371 * Math.asin(Math.sqrt(h));
    }
}
