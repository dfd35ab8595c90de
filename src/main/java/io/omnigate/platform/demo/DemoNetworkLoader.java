package io.omnigate.platform.demo;

import io.omnigate.platform.OmnigateConfig;
import io.omnigate.platform.demo.DemoNetworkGenerator.Location;
import io.omnigate.platform.demo.DemoNetworkGenerator.Sku;
import io.omnigate.platform.demo.DemoNetworkGenerator.StockRow;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
                DemoNetworkRows.INSERT_LOCATIONS,
                DemoNetworkRows::locationColumns);
        Uni<Long> skus = insertInBatches(
                Multi.createFrom().iterable(generator.skus()),
                BATCH_ROWS,
                BATCHES_IN_FLIGHT,
                DemoNetworkRows.INSERT_SKUS,
                DemoNetworkRows::skuColumns);
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
                            DemoNetworkRows.INSERT_STOCK,
                            DemoNetworkRows::stockColumns);
                    Uni<Long> inbound = insertInBatches(
                            Multi.createFrom().iterable(generator.inbound()),
                            BATCH_ROWS,
                            1,
                            DemoNetworkRows.INSERT_INBOUND,
                            DemoNetworkRows::inboundColumns);
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
}
