package io.omnigate.platform.demo;

import io.omnigate.platform.demo.DemoCities.City;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
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

    private static final double ZIPF_EXPONENT = 1.0;
    private static final double MAX_STORE_CARRY_PROBABILITY = 0.95;
    private static final double STALE_STORE_SHARE = 0.03;
    private static final double KM_PER_DEGREE = 111.32;
    private static final List<TimeRange> ALL_DAY = List.of(new TimeRange("00:00", "23:59"));
    private static final List<String> LUNCH_BREAK_COUNTRIES = List.of("IT", "ES", "PT");
    private static final String[] STORE_OPENS = {"08:00", "08:30", "09:00", "09:30", "10:00"};
    private static final String[] STORE_CLOSES = {"19:00", "19:30", "20:00", "20:30", "21:00", "22:00"};

    private final NetworkSize size;
    private final long seed;
    private final Instant referenceTime;
    private final List<Location> locations;
    private final List<Sku> skus;
    private final double[] storeCarryWeight;
    private final double[] popularityCdf;
    private final List<InboundReceipt> inbound;

    /**
     * @param referenceTime the load time: holiday years and inbound ETAs are relative to it
     */
    public DemoNetworkGenerator(NetworkSize size, long seed, Instant referenceTime) {
        this.size = size;
        this.seed = seed;
        this.referenceTime = referenceTime;
        this.skus = List.copyOf(generateSkus());
        this.popularityCdf = popularityCdf(size.skus());
        this.storeCarryWeight = storeCarryWeights(size.skus(), size.storeAssortmentShare());
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
            double carry = Math.min(MAX_STORE_CARRY_PROBABILITY, storeCarryWeight[index] * assortmentFactor);
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
        List<City> cityOfStore = apportionStores(size.stores());
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
        List<LocalDate> holidays = holidayYears();
        List<Location> stores = new ArrayList<>(cityOfStore.size());
        for (int index = 0; index < cityOfStore.size(); index++) {
            City city = cityOfStore.get(index);
            int number = storesPerCity.merge(city.name(), 1, Integer::sum);
            double spreadKm = 1.5 + 0.5 * city.weight();
            double[] position = offset(random, city.lat(), city.lon(), spreadKm);
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
                    storeOpeningHours(random, city),
                    storeHoursExceptions(holidays),
                    60 + 15 * random.nextInt(9),
                    10 + random.nextInt(31),
                    Map.of(),
                    null,
                    address(random, city),
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
            double[] position = offset(random, city.lat(), city.lon(), 15);
            boolean sameDay = index == 0 || random.nextDouble() < 0.5;
            dcs.add(new Location(
                    size.idPrefix() + String.format("DC-%02d", index + 1),
                    LocationType.DC,
                    "DC " + city.name() + (round > 1 ? " " + round : ""),
                    position[0],
                    position[1],
                    city.timeZone(),
                    sameDay ? List.of("SHIP_FROM", "SAME_DAY") : List.of("SHIP_FROM"),
                    everyDay(ALL_DAY),
                    List.of(),
                    0,
                    500,
                    Map.of(),
                    null,
                    address(random, city),
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
            City city = parent == null ? weightedCity(random, cities, totalWeight) : cityOf(parent);
            double[] position = parent == null
                    ? offset(random, city.lat(), city.lon(), 5)
                    : offset(random, parent.lat(), parent.lon(), 0.2);
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
                    everyDay(ALL_DAY),
                    List.of(),
                    240 + 30 * random.nextInt(9),
                    20,
                    Collections.unmodifiableMap(compartments),
                    parent == null ? null : parent.id(),
                    parent == null ? address(random, city) : parent.address(),
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
            Sku sku = skus.get(popularSkuIndex(random));
            int qty = toDc ? 12 * (2 + random.nextInt(39)) : 2 + random.nextInt(11);
            Instant eta = base.plus(Duration.ofMinutes(earliest + random.nextLong(window + 1)));
            result.add(new InboundReceipt(target.id(), sku.sku(), qty, eta, String.format("ASN-%06d", index + 1)));
        }
        return result;
    }

    private Map<DayOfWeek, List<TimeRange>> storeOpeningHours(SplittableRandom random, City city) {
        String open = STORE_OPENS[random.nextInt(STORE_OPENS.length)];
        String close = STORE_CLOSES[random.nextInt(STORE_CLOSES.length)];
        boolean lunchBreak = LUNCH_BREAK_COUNTRIES.contains(city.country()) && random.nextDouble() < 0.2;
        List<TimeRange> weekday = lunchBreak
                ? List.of(new TimeRange(open, "13:00"), new TimeRange("15:30", close))
                : List.of(new TimeRange(open, close));
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, weekday);
        }
        boolean openOnSunday = city.country().equals("US") || random.nextDouble() < 0.55;
        hours.put(DayOfWeek.SUNDAY, openOnSunday ? List.of(new TimeRange("10:00", "19:00")) : List.of());
        return Collections.unmodifiableMap(hours);
    }

    private static List<HoursException> storeHoursExceptions(List<LocalDate> years) {
        List<HoursException> exceptions = new ArrayList<>();
        for (LocalDate year : years) {
            exceptions.add(new HoursException(year.withDayOfYear(1), List.of()));
            exceptions.add(new HoursException(
                    year.withMonth(12).withDayOfMonth(24), List.of(new TimeRange("09:00", "14:00"))));
            exceptions.add(new HoursException(year.withMonth(12).withDayOfMonth(25), List.of()));
        }
        return List.copyOf(exceptions);
    }

    private List<LocalDate> holidayYears() {
        int year = referenceTime.atZone(ZoneOffset.UTC).getYear();
        return List.of(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    private static Map<DayOfWeek, List<TimeRange>> everyDay(List<TimeRange> hours) {
        Map<DayOfWeek, List<TimeRange>> result = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            result.put(day, hours);
        }
        return Collections.unmodifiableMap(result);
    }

    private static Address address(SplittableRandom random, City city) {
        String street = pick(random, DemoCities.STREETS.get(city.country()));
        int number = 1 + random.nextInt(200);
        String line1 = DemoCities.numberFirst(city.country()) ? number + " " + street : street + " " + number;
        return new Address(line1, city.name(), city.postalCode(), city.country());
    }

    private static City cityOf(Location location) {
        return DemoCities.byName(location.address().city());
    }

    /** Largest-remainder apportionment of stores to cities by weight: big cities always get theirs. */
    private static List<City> apportionStores(int storeCount) {
        List<City> cities = DemoCities.ALL;
        int totalWeight = cities.stream().mapToInt(City::weight).sum();
        int[] counts = new int[cities.size()];
        double[] remainders = new double[cities.size()];
        int assigned = 0;
        for (int index = 0; index < cities.size(); index++) {
            double exact = (double) storeCount * cities.get(index).weight() / totalWeight;
            counts[index] = (int) Math.floor(exact);
            remainders[index] = exact - counts[index];
            assigned += counts[index];
        }
        Integer[] byRemainder = new Integer[cities.size()];
        for (int index = 0; index < byRemainder.length; index++) {
            byRemainder[index] = index;
        }
        Arrays.sort(
                byRemainder,
                Comparator.comparingDouble((Integer index) -> -remainders[index])
                        .thenComparingInt(index -> index));
        for (int rank = 0; assigned < storeCount; rank = (rank + 1) % byRemainder.length) {
            counts[byRemainder[rank]]++;
            assigned++;
        }
        List<City> result = new ArrayList<>(storeCount);
        for (int index = 0; index < cities.size(); index++) {
            for (int count = 0; count < counts[index]; count++) {
                result.add(cities.get(index));
            }
        }
        return result;
    }

    private static City weightedCity(SplittableRandom random, List<City> cities, int totalWeight) {
        int ticket = random.nextInt(totalWeight);
        for (City city : cities) {
            ticket -= city.weight();
            if (ticket < 0) {
                return city;
            }
        }
        return cities.get(cities.size() - 1);
    }

    /** A point a Gaussian distance (standard deviation spreadKm) from the centre. */
    private static double[] offset(SplittableRandom random, double lat, double lon, double spreadKm) {
        double northKm = gaussian(random) * spreadKm;
        double eastKm = gaussian(random) * spreadKm;
        double newLat = Math.max(-89.9, Math.min(89.9, lat + northKm / KM_PER_DEGREE));
        double newLon = lon + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        if (newLon > 180) {
            newLon -= 360;
        } else if (newLon < -180) {
            newLon += 360;
        }
        return new double[] {round6(newLat), round6(newLon)};
    }

    /** Box-Muller, written out so the network does not depend on a JDK's Gaussian algorithm. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double round6(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    /** Index of a SKU drawn with Zipf popularity: rank 1 is drawn most often. */
    private int popularSkuIndex(SplittableRandom random) {
        int found = Arrays.binarySearch(popularityCdf, random.nextDouble());
        int index = found >= 0 ? found : -found - 1;
        return Math.min(index, popularityCdf.length - 1);
    }

    private static double[] popularityCdf(int skuCount) {
        double[] cdf = new double[skuCount];
        double total = 0;
        for (int rank = 1; rank <= skuCount; rank++) {
            total += 1.0 / Math.pow(rank, ZIPF_EXPONENT);
            cdf[rank - 1] = total;
        }
        for (int index = 0; index < skuCount; index++) {
            cdf[index] /= total;
        }
        return cdf;
    }

    /**
     * Per-rank weights c / rank^s, with c chosen so that an average store carries the configured
     * share of the catalogue once capped at {@link #MAX_STORE_CARRY_PROBABILITY}.
     */
    private static double[] storeCarryWeights(int skuCount, double share) {
        double target = share * skuCount;
        double low = 0;
        double high = skuCount;
        for (int iteration = 0; iteration < 60; iteration++) {
            double scale = (low + high) / 2;
            double expected = 0;
            for (int rank = 1; rank <= skuCount; rank++) {
                expected += Math.min(MAX_STORE_CARRY_PROBABILITY, scale / Math.pow(rank, ZIPF_EXPONENT));
            }
            if (expected < target) {
                low = scale;
            } else {
                high = scale;
            }
        }
        double[] weights = new double[skuCount];
        for (int rank = 1; rank <= skuCount; rank++) {
            weights[rank - 1] = high / Math.pow(rank, ZIPF_EXPONENT);
        }
        return weights;
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

    private static String pick(SplittableRandom random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
