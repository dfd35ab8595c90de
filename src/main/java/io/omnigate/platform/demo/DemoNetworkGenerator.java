package io.omnigate.platform.demo;

import io.omnigate.platform.demo.DemoCities.City;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Builds a plausible, reproducible network (stores, DCs, lockers, catalogue, stock, inbound)
 * from a seed, so demos and benchmarks run against the same data on every machine.
 *
 * <p>Stock is produced per location on demand from a seed derived from the location id, so a
 * bench network's millions of stock rows never need to be in memory at once.
 */
public final class DemoNetworkGenerator {

    public enum LocationType {
        STORE,
        DC,
        LOCKER
    }

    /** How fresh a location's stock is when loaded; stale locations exercise near-time paths. */
    public enum StockSync {
        NONE(-1),
        FRESH(0),
        STALE(120);

        private final int minutesAgo;

        StockSync(int minutesAgo) {
            this.minutesAgo = minutesAgo;
        }

        /** Minutes between the last sync and load time, or -1 when the location holds no stock. */
        public int minutesAgo() {
            return minutesAgo;
        }
    }

    public record TimeRange(String open, String close) {}

    public record HoursException(LocalDate date, List<TimeRange> hours) {}

    public record Address(String line1, String city, String postalCode, String country) {}

    public record Location(
            String id,
            LocationType type,
            String name,
            double lat,
            double lon,
            String timeZone,
            List<String> capabilities,
            Map<DayOfWeek, List<TimeRange>> openingHours,
            List<HoursException> hoursExceptions,
            int pickupLeadMinutes,
            int hourlyCapacity,
            Map<String, Integer> compartments,
            String parentLocationId,
            Address address,
            int defaultSafetyStock,
            StockSync stockSync) {}

    /** A catalogue item; rank 1 is the best seller and SKU ids follow popularity rank. */
    public record Sku(String sku, String name, String parcelSize, int popularityRank) {}

    public record StockRow(String locationId, String sku, int onHand) {}

    public record InboundReceipt(String locationId, String sku, int qty, Instant eta, String reference) {}

    private static final double STALE_STORE_SHARE = 0.03;

    private final NetworkSize size;
    private final long seed;
    private final Instant referenceTime;
    private final List<Location> locations;
    private final List<Sku> skus;
    private final SkuPopularity popularity;
    private final List<InboundReceipt> inbound;

    /**
     * @param referenceTime the load time: holiday years and inbound ETAs are relative to it
     */
    public DemoNetworkGenerator(NetworkSize size, long seed, Instant referenceTime) {
        this.size = size;
        this.seed = seed;
        this.referenceTime = referenceTime;
        this.skus = List.copyOf(generateSkus());
        this.popularity = new SkuPopularity(size.skus(), size.storeAssortmentShare());
        this.locations = List.copyOf(generateLocations());
        this.inbound = List.copyOf(generateInbound());
    }

    public NetworkSize size() {
        return size;
    }

    /** Stores first, then DCs, then lockers, so a locker's parent always precedes it. */
    public List<Location> locations() {
        return locations;
    }

    public List<Sku> skus() {
        return skus;
    }

    public List<InboundReceipt> inbound() {
        return inbound;
    }

    /** Every stock row of the network, generated lazily location by location. */
    public Stream<StockRow> stock() {
        return locations.stream().flatMap(location -> stockAt(location).stream());
    }

    /** The stock rows of one location; the same location always gets the same rows. */
    public List<StockRow> stockAt(Location location) {
        SplittableRandom random = random("stock:" + unprefixed(location.id()));
        switch (location.type()) {
            case STORE:
                return storeStock(location.id(), random);
            case DC:
                return dcStock(location.id(), random);
            default:
                return List.of();
        }
    }

    private List<StockRow> storeStock(String locationId, SplittableRandom random) {
        double assortmentFactor = 0.6 + 0.8 * random.nextDouble();
        List<StockRow> rows = new ArrayList<>((int) (size.skus() * size.storeAssortmentShare() * 1.5));
        for (int index = 0; index < skus.size(); index++) {
            double carry = popularity.storeCarryProbability(index, assortmentFactor);
            if (random.nextDouble() < carry) {
                int onHand = random.nextDouble() < 0.08 ? 0 : 1 + random.nextInt(12);
                rows.add(new StockRow(locationId, skus.get(index).sku(), onHand));
            }
        }
        return rows;
    }

    private List<StockRow> dcStock(String locationId, SplittableRandom random) {
        int alwaysCarried = Math.max(1, size.skus() / 100);
        List<StockRow> rows = new ArrayList<>((int) (size.skus() * size.dcAssortmentShare()) + alwaysCarried);
        for (int index = 0; index < skus.size(); index++) {
            if (index < alwaysCarried || random.nextDouble() < size.dcAssortmentShare()) {
                rows.add(new StockRow(locationId, skus.get(index).sku(), 20 + random.nextInt(481)));
            }
        }
        return rows;
    }

    private List<Sku> generateSkus() {
        SplittableRandom random = random("skus");
        List<Sku> result = new ArrayList<>(size.skus());
        for (int index = 0; index < size.skus(); index++) {
            ProductCategory category = ProductCategory.ALL.get(random.nextInt(ProductCategory.ALL.size()));
            String name = pick(random, ProductCategory.ADJECTIVES)
                    + " "
                    + pick(random, category.nouns())
                    + " "
                    + pick(random, category.variants());
            String parcelSize = pick(random, category.parcelSizes());
            result.add(new Sku(size.idPrefix() + String.format("SKU-%05d", index + 1), name, parcelSize, index + 1));
        }
        return result;
    }

    private List<Location> generateLocations() {
        SplittableRandom random = random("locations");
        List<Location> stores = generateStores(random);
        List<Location> result = new ArrayList<>(stores.size() + size.dcs() + size.lockers());
        result.addAll(stores);
        result.addAll(generateDcs(random));
        result.addAll(generateLockers(random, stores));
        return result;
    }

    private List<Location> generateStores(SplittableRandom random) {
        List<City> cityOfStore = DemoGeography.apportionStores(size.stores());
        shuffle(cityOfStore, random);
        boolean[] stale = new boolean[cityOfStore.size()];
        int staleCount = Math.max(1, (int) Math.round(cityOfStore.size() * STALE_STORE_SHARE));
        List<Integer> order = new ArrayList<>();
        for (int index = 0; index < cityOfStore.size(); index++) {
            order.add(index);
        }
        shuffle(order, random);
        for (int index = 0; index < staleCount && index < order.size(); index++) {
            stale[order.get(index)] = true;
        }
        Map<String, Integer> storesPerCity = new HashMap<>();
        List<LocalDate> holidays = DemoHours.holidayYears(referenceTime);
        List<Location> stores = new ArrayList<>(cityOfStore.size());
        for (int index = 0; index < cityOfStore.size(); index++) {
            City city = cityOfStore.get(index);
            int number = storesPerCity.merge(city.name(), 1, Integer::sum);
            double spreadKm = 1.5 + 0.5 * city.weight();
            double[] position = DemoGeography.offset(random, city.lat(), city.lon(), spreadKm);
            List<String> capabilities = new ArrayList<>();
            capabilities.add("PICKUP");
            if (random.nextDouble() < 0.5) {
                capabilities.add("CURBSIDE");
            }
            if (random.nextDouble() < 0.3) {
                capabilities.add("SHIP_FROM");
            }
            if (random.nextDouble() < 0.25) {
                capabilities.add("SAME_DAY");
            }
            capabilities.add("RETURNS");
            stores.add(new Location(
                    size.idPrefix() + String.format("S-%04d", index + 1),
                    LocationType.STORE,
                    "Store " + city.name() + " " + number,
                    position[0],
                    position[1],
                    city.timeZone(),
                    List.copyOf(capabilities),
                    DemoHours.storeOpeningHours(random, city),
                    DemoHours.storeHoursExceptions(holidays),
                    60 + 15 * random.nextInt(9),
                    10 + random.nextInt(31),
                    Map.of(),
                    null,
                    DemoGeography.address(random, city),
                    1,
                    stale[index] ? StockSync.STALE : StockSync.FRESH));
        }
        return stores;
    }

    private List<Location> generateDcs(SplittableRandom random) {
        List<Location> dcs = new ArrayList<>(size.dcs());
        for (int index = 0; index < size.dcs(); index++) {
            City city = DemoCities.byName(DemoCities.HUBS.get(index % DemoCities.HUBS.size()));
            int round = index / DemoCities.HUBS.size() + 1;
            double[] position = DemoGeography.offset(random, city.lat(), city.lon(), 15);
            boolean sameDay = index == 0 || random.nextDouble() < 0.5;
            dcs.add(new Location(
                    size.idPrefix() + String.format("DC-%02d", index + 1),
                    LocationType.DC,
                    "DC " + city.name() + (round > 1 ? " " + round : ""),
                    position[0],
                    position[1],
                    city.timeZone(),
                    sameDay ? List.of("SHIP_FROM", "SAME_DAY") : List.of("SHIP_FROM"),
                    DemoHours.allDay(),
                    List.of(),
                    0,
                    500,
                    Map.of(),
                    null,
                    DemoGeography.address(random, city),
                    0,
                    StockSync.FRESH));
        }
        return dcs;
    }

    private List<Location> generateLockers(SplittableRandom random, List<Location> stores) {
        List<City> cities = DemoCities.ALL;
        int totalWeight = cities.stream().mapToInt(City::weight).sum();
        Map<String, Integer> lockersPerCity = new HashMap<>();
        List<Location> lockers = new ArrayList<>(size.lockers());
        for (int index = 0; index < size.lockers(); index++) {
            Location parent = random.nextBoolean() ? stores.get(random.nextInt(stores.size())) : null;
            City city = parent == null
                    ? DemoGeography.weightedCity(random, cities, totalWeight)
                    : DemoGeography.cityOf(parent);
            double[] position = parent == null
                    ? DemoGeography.offset(random, city.lat(), city.lon(), 5)
                    : DemoGeography.offset(random, parent.lat(), parent.lon(), 0.2);
            int number = lockersPerCity.merge(city.name(), 1, Integer::sum);
            Map<String, Integer> compartments = new LinkedHashMap<>();
            compartments.put("S", 10 + random.nextInt(21));
            compartments.put("M", 4 + random.nextInt(9));
            compartments.put("L", 2 + random.nextInt(5));
            lockers.add(new Location(
                    size.idPrefix() + String.format("L-%04d", index + 1),
                    LocationType.LOCKER,
                    "Locker " + city.name() + " " + number,
                    position[0],
                    position[1],
                    city.timeZone(),
                    List.of("LOCKER", "PICKUP"),
                    DemoHours.allDay(),
                    List.of(),
                    240 + 30 * random.nextInt(9),
                    20,
                    Collections.unmodifiableMap(compartments),
                    parent == null ? null : parent.id(),
                    parent == null ? DemoGeography.address(random, city) : parent.address(),
                    0,
                    StockSync.NONE));
        }
        return lockers;
    }

    private List<InboundReceipt> generateInbound() {
        SplittableRandom random = random("inbound");
        List<Location> stores = locations.stream()
                .filter(location -> location.type() == LocationType.STORE)
                .toList();
        List<Location> dcs = locations.stream()
                .filter(location -> location.type() == LocationType.DC)
                .toList();
        long earliest = Duration.ofHours(6).toMinutes();
        long window = Duration.ofDays(5).toMinutes() - earliest;
        Instant base = referenceTime.truncatedTo(ChronoUnit.MINUTES);
        List<InboundReceipt> result = new ArrayList<>(size.inboundReceipts());
        for (int index = 0; index < size.inboundReceipts(); index++) {
            boolean toDc = !dcs.isEmpty() && random.nextDouble() < 0.25;
            Location target = toDc ? dcs.get(random.nextInt(dcs.size())) : stores.get(random.nextInt(stores.size()));
            Sku sku = skus.get(popularity.popularSkuIndex(random));
            int qty = toDc ? 12 * (2 + random.nextInt(39)) : 2 + random.nextInt(11);
            Instant eta = base.plus(Duration.ofMinutes(earliest + random.nextLong(window + 1)));
            result.add(new InboundReceipt(target.id(), sku.sku(), qty, eta, String.format("ASN-%06d", index + 1)));
        }
        return result;
    }

    private String unprefixed(String id) {
        return id.substring(size.idPrefix().length());
    }

    private SplittableRandom random(String purpose) {
        return new SplittableRandom(mix(seed ^ mix(purpose.hashCode() * 0x9E3779B97F4A7C15L)));
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int index = list.size() - 1; index > 0; index--) {
            Collections.swap(list, index, random.nextInt(index + 1));
        }
    }

    static String pick(SplittableRandom random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
