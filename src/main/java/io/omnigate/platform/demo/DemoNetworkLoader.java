package io.omnigate.platform.demo;

import io.omnigate.platform.OmnigateConfig;
import io.omnigate.platform.demo.DemoNetworkGenerator.HoursException;
import io.omnigate.platform.demo.DemoNetworkGenerator.InboundReceipt;
import io.omnigate.platform.demo.DemoNetworkGenerator.Location;
import io.omnigate.platform.demo.DemoNetworkGenerator.Sku;
import io.omnigate.platform.demo.DemoNetworkGenerator.StockRow;
import io.omnigate.platform.demo.DemoNetworkGenerator.TimeRange;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Loads the generated demo or bench network into an empty database at start, before the
 * network index is built, so a fresh machine has something to serve and the benchmark has its
 * standard data set.
 */
@ApplicationScoped
public class DemoNetworkLoader {

    /** What a load wrote. */
    public record LoadCounts(int locations, long skus, long stockRows, long inboundReceipts, Duration elapsed) {}

    private static final Logger LOG = Logger.getLogger(DemoNetworkLoader.class);

    /** Serialises concurrent starts of several instances against one empty database. */
    private static final long LOAD_LOCK_KEY = 0x6F6D6E6964656D6FL;

    private static final int LOCATION_BATCH_ROWS = 2_000;
    private static final int BATCH_ROWS = 10_000;
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final Duration MAX_LOAD_TIME = Duration.ofMinutes(10);

    private static final String INSERT_LOCATIONS = """
            insert into location (id, type, name, lat, lon, time_zone, capabilities, opening_hours,
                hours_exceptions, pickup_lead_minutes, hourly_capacity, compartments, parent_location_id,
                address, default_safety_stock, snapshot_as_of, stock_synced_at)
            select id, type, name, lat, lon, time_zone, string_to_array(capabilities, ','),
                opening_hours::jsonb, hours_exceptions::jsonb, pickup_lead_minutes, hourly_capacity,
                compartments::jsonb, parent_location_id, address::jsonb, default_safety_stock,
                now() - synced_minutes_ago * interval '1 minute', now() - synced_minutes_ago * interval '1 minute'
            from unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::int[], $11::int[], $12::text[], $13::text[], $14::text[], $15::int[],
                $16::int[])
                as t(id, type, name, lat, lon, time_zone, capabilities, opening_hours, hours_exceptions,
                    pickup_lead_minutes, hourly_capacity, compartments, parent_location_id, address,
                    default_safety_stock, synced_minutes_ago)
            """;

    private static final String INSERT_SKUS =
            "insert into sku (sku, name, parcel_size) select * from unnest($1::text[], $2::text[], $3::text[])";

    private static final String INSERT_STOCK = "insert into stock (location_id, sku, on_hand)"
            + " select * from unnest($1::text[], $2::text[], $3::int[])";

    private static final String INSERT_INBOUND = """
            insert into inbound_receipt (id, location_id, sku, qty, eta, reference)
            select nextval('inbound_receipt_seq'), location_id, sku, qty, eta, reference
            from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[])
                as t(location_id, sku, qty, eta, reference)
            """;

    private final Pool pool;
    private final OmnigateConfig config;

    public DemoNetworkLoader(Pool pool, OmnigateConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void loadOnStart(@Observes @Priority(1) StartupEvent event) {
        String network = config.demo().network().trim();
        if (network.equalsIgnoreCase("none")) {
            return;
        }
        NetworkSize named = NetworkSize.named(network);
        NetworkSize size = config.demo().stores().map(named::withStores).orElse(named);
        long seed = config.demo().seed();
        try {
            pool.withConnection(connection -> withLoadLock(connection, loadIntoEmptyDatabase(size, seed)))
                    .await()
                    .atMost(MAX_LOAD_TIME);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Loading the %s network (seed %d) failed; the start is aborted", size.name(), seed);
            throw new IllegalStateException("Could not load the " + size.name() + " network", e);
        }
    }

    /**
     * Generates the network and inserts it; on failure removes what it inserted and fails. The
     * elapsed time counted includes generation.
     */
    public Uni<LoadCounts> load(NetworkSize size, long seed) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return Uni.createFrom()
                    .item(() -> new DemoNetworkGenerator(size, seed, Instant.now()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(generator -> insertNetwork(generator, started)
                            .onFailure()
                            .call(failure -> removeNetwork(generator, failure)));
        });
    }

    private Uni<Void> loadIntoEmptyDatabase(NetworkSize size, long seed) {
        return pool.query("select exists (select 1 from location) as present")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean("present"))
                .chain(present -> {
                    if (present) {
                        LOG.infof(
                                "The database already holds a network; keeping it (omnigate.demo.network=%s not loaded)",
                                size.name());
                        return Uni.createFrom().voidItem();
                    }
                    return load(size, seed)
                            .invoke(counts -> LOG.infof(
                                    "Loaded the %s network (seed %d): %d locations, %d SKUs, %d stock rows,"
                                            + " %d inbound receipts in %.1f s",
                                    size.name(),
                                    seed,
                                    counts.locations(),
                                    counts.skus(),
                                    counts.stockRows(),
                                    counts.inboundReceipts(),
                                    counts.elapsed().toMillis() / 1000.0))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> withLoadLock(SqlConnection connection, Uni<Void> work) {
        Tuple key = Tuple.of(LOAD_LOCK_KEY);
        return connection
                .preparedQuery("select pg_advisory_lock($1)")
                .execute(key)
                .chain(() -> work)
                .eventually(() -> connection
                        .preparedQuery("select pg_advisory_unlock($1)")
                        .execute(key));
    }

    private Uni<LoadCounts> insertNetwork(DemoNetworkGenerator generator, long started) {
        Uni<Long> locations = insertInBatches(
                Multi.createFrom().iterable(generator.locations()),
                LOCATION_BATCH_ROWS,
                1,
                INSERT_LOCATIONS,
                DemoNetworkLoader::locationColumns);
        Uni<Long> skus = insertInBatches(
                Multi.createFrom().iterable(generator.skus()),
                BATCH_ROWS,
                BATCHES_IN_FLIGHT,
                INSERT_SKUS,
                DemoNetworkLoader::skuColumns);
        return Uni.combine()
                .all()
                .unis(locations, skus)
                .collectFailures()
                .asTuple()
                .chain(catalogue -> {
                    Uni<Long> stock = insertInBatches(
                            stockRows(generator),
                            BATCH_ROWS,
                            BATCHES_IN_FLIGHT,
                            INSERT_STOCK,
                            DemoNetworkLoader::stockColumns);
                    Uni<Long> inbound = insertInBatches(
                            Multi.createFrom().iterable(generator.inbound()),
                            BATCH_ROWS,
                            1,
                            INSERT_INBOUND,
                            DemoNetworkLoader::inboundColumns);
                    return Uni.combine()
                            .all()
                            .unis(stock, inbound)
                            .collectFailures()
                            .with((stockCount, inboundCount) -> new LoadCounts(
                                    catalogue.getItem1().intValue(),
                                    catalogue.getItem2(),
                                    stockCount,
                                    inboundCount,
                                    Duration.ofNanos(System.nanoTime() - started)));
                });
    }

    /** Stock location by location, each generated on a worker thread rather than an event loop. */
    private static Multi<StockRow> stockRows(DemoNetworkGenerator generator) {
        return Multi.createFrom()
                .iterable(generator.locations())
                .onItem()
                .transformToUni(location -> Uni.createFrom()
                        .item(() -> generator.stockAt(location))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .concatenate()
                .onItem()
                .transformToIterable(Function.identity());
    }

    /**
     * Inserts in batches, a few in flight, building each batch's parameters on a worker thread. A
     * failed batch stops further inserts but the ones in flight are awaited, so the clean-up that
     * follows never races an insert still running.
     */
    private <T> Uni<Long> insertInBatches(
            Multi<T> rows, int batchRows, int inFlight, String sql, Function<List<T>, Tuple> columns) {
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        return rows.group()
                .intoLists()
                .of(batchRows)
                .onItem()
                .transformToUni(batch -> firstFailure.get() != null
                        ? Uni.createFrom().item(0)
                        : Uni.createFrom()
                                .item(() -> columns.apply(batch))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                .chain(parameters -> execute(sql, parameters))
                                .onFailure()
                                .recoverWithItem(failure -> {
                                    firstFailure.compareAndSet(null, failure);
                                    return 0;
                                }))
                .merge(inFlight)
                .collect()
                .with(Collectors.summingLong(Integer::longValue))
                .chain(total -> firstFailure.get() == null
                        ? Uni.createFrom().item(total)
                        : Uni.createFrom().failure(firstFailure.get()));
    }

    private static Tuple locationColumns(List<Location> batch) {
        int size = batch.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] names = new String[size];
        Double[] lats = new Double[size];
        Double[] lons = new Double[size];
        String[] timeZones = new String[size];
        String[] capabilities = new String[size];
        String[] openingHours = new String[size];
        String[] hoursExceptions = new String[size];
        Integer[] pickupLeadMinutes = new Integer[size];
        Integer[] hourlyCapacities = new Integer[size];
        String[] compartments = new String[size];
        String[] parents = new String[size];
        String[] addresses = new String[size];
        Integer[] safetyStocks = new Integer[size];
        Integer[] syncedMinutesAgo = new Integer[size];
        for (int index = 0; index < size; index++) {
            Location location = batch.get(index);
            ids[index] = location.id();
            types[index] = location.type().name();
            names[index] = location.name();
            lats[index] = location.lat();
            lons[index] = location.lon();
            timeZones[index] = location.timeZone();
            capabilities[index] = String.join(",", location.capabilities());
            openingHours[index] = openingHoursJson(location.openingHours());
            hoursExceptions[index] = hoursExceptionsJson(location.hoursExceptions());
            pickupLeadMinutes[index] = location.pickupLeadMinutes();
            hourlyCapacities[index] = location.hourlyCapacity();
            compartments[index] = compartmentsJson(location.compartments());
            parents[index] = location.parentLocationId();
            addresses[index] = addressJson(location);
            safetyStocks[index] = location.defaultSafetyStock();
            int minutesAgo = location.stockSync().minutesAgo();
            syncedMinutesAgo[index] = minutesAgo < 0 ? null : minutesAgo;
        }
        return Tuple.tuple()
                .addArrayOfString(ids)
                .addArrayOfString(types)
                .addArrayOfString(names)
                .addArrayOfDouble(lats)
                .addArrayOfDouble(lons)
                .addArrayOfString(timeZones)
                .addArrayOfString(capabilities)
                .addArrayOfString(openingHours)
                .addArrayOfString(hoursExceptions)
                .addArrayOfInteger(pickupLeadMinutes)
                .addArrayOfInteger(hourlyCapacities)
                .addArrayOfString(compartments)
                .addArrayOfString(parents)
                .addArrayOfString(addresses)
                .addArrayOfInteger(safetyStocks)
                .addArrayOfInteger(syncedMinutesAgo);
    }

    private static Tuple skuColumns(List<Sku> batch) {
        int size = batch.size();
        String[] ids = new String[size];
        String[] names = new String[size];
        String[] parcelSizes = new String[size];
        for (int index = 0; index < size; index++) {
            Sku sku = batch.get(index);
            ids[index] = sku.sku();
            names[index] = sku.name();
            parcelSizes[index] = sku.parcelSize();
        }
        return Tuple.tuple().addArrayOfString(ids).addArrayOfString(names).addArrayOfString(parcelSizes);
    }

    private static Tuple stockColumns(List<StockRow> batch) {
        int size = batch.size();
        String[] locationIds = new String[size];
        String[] skus = new String[size];
        Integer[] onHand = new Integer[size];
        for (int index = 0; index < size; index++) {
            StockRow row = batch.get(index);
            locationIds[index] = row.locationId();
            skus[index] = row.sku();
            onHand[index] = row.onHand();
        }
        return Tuple.tuple()
                .addArrayOfString(locationIds)
                .addArrayOfString(skus)
                .addArrayOfInteger(onHand);
    }

    private static Tuple inboundColumns(List<InboundReceipt> batch) {
        int size = batch.size();
        String[] locationIds = new String[size];
        String[] skus = new String[size];
        Integer[] quantities = new Integer[size];
        OffsetDateTime[] etas = new OffsetDateTime[size];
        String[] references = new String[size];
        for (int index = 0; index < size; index++) {
            InboundReceipt receipt = batch.get(index);
            locationIds[index] = receipt.locationId();
            skus[index] = receipt.sku();
            quantities[index] = receipt.qty();
            etas[index] = receipt.eta().atOffset(ZoneOffset.UTC);
            references[index] = receipt.reference();
        }
        return Tuple.tuple()
                .addArrayOfString(locationIds)
                .addArrayOfString(skus)
                .addArrayOfInteger(quantities)
                .addArrayOfOffsetDateTime(etas)
                .addArrayOfString(references);
    }

    private Uni<Integer> execute(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> rows.rowCount());
    }

    /** Takes a failed load back out, so the next start finds an empty database and retries. */
    private Uni<Void> removeNetwork(DemoNetworkGenerator generator, Throwable loadFailure) {
        LOG.errorf(
                "Loading the %s network failed (%s); removing what was inserted",
                generator.size().name(), loadFailure.getMessage());
        Tuple locationIds = Tuple.tuple()
                .addArrayOfString(
                        generator.locations().stream().map(Location::id).toArray(String[]::new));
        Tuple skuIds = Tuple.tuple()
                .addArrayOfString(generator.skus().stream().map(Sku::sku).toArray(String[]::new));
        return pool.withTransaction(connection -> connection
                        .preparedQuery("delete from inbound_receipt where location_id = any($1)")
                        .execute(locationIds)
                        .chain(() -> connection
                                .preparedQuery("delete from stock where location_id = any($1)")
                                .execute(locationIds))
                        .chain(() -> connection
                                .preparedQuery("delete from location where id = any($1)")
                                .execute(locationIds))
                        .chain(() -> connection
                                .preparedQuery("delete from sku where sku = any($1)")
                                .execute(skuIds)))
                .replaceWithVoid()
                .onFailure()
                .invoke(cleanupFailure -> LOG.errorf(
                        cleanupFailure,
                        "Could not remove the partly loaded %s network: empty the location, sku, stock and"
                                + " inbound_receipt tables before the next start",
                        generator.size().name()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private static String openingHoursJson(Map<DayOfWeek, List<TimeRange>> openingHours) {
        JsonObject json = new JsonObject();
        openingHours.forEach((day, ranges) -> json.put(day.name(), timeRangesJson(ranges)));
        return json.encode();
    }

    private static String hoursExceptionsJson(List<HoursException> exceptions) {
        JsonArray json = new JsonArray();
        for (HoursException exception : exceptions) {
            json.add(new JsonObject()
                    .put("date", exception.date().toString())
                    .put("hours", timeRangesJson(exception.hours())));
        }
        return json.encode();
    }

    private static JsonArray timeRangesJson(List<TimeRange> ranges) {
        JsonArray json = new JsonArray();
        for (TimeRange range : ranges) {
            json.add(new JsonObject().put("open", range.open()).put("close", range.close()));
        }
        return json;
    }

    private static String compartmentsJson(Map<String, Integer> compartments) {
        JsonObject json = new JsonObject();
        compartments.forEach((size, count) -> json.put(size, count));
        return json.encode();
    }

    private static String addressJson(Location location) {
        return new JsonObject()
                .put("line1", location.address().line1())
                .put("city", location.address().city())
                .put("postalCode", location.address().postalCode())
                .put("country", location.address().country())
                .encode();
    }
}
