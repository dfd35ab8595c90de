package io.omnigate.inventory;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Fills the replica in the background after start-up (readiness never waits for it), a page of
 * locations per query, and re-reads the locations a bulk statement named. Rows are merged by
 * version, so notices applied meanwhile are never undone.
 */
@ApplicationScoped
public class ReplicaLoader {

    private static final Logger LOG = Logger.getLogger(ReplicaLoader.class);

    private static final int SKU_PAGE = 20_000;

    static final String SKUS = "select sku, parcel_size, replica_version from sku where sku > $1 order by sku limit $2";

    static final String LOCATION_IDS = "select id from location order by id";

    static final String LOCATIONS = "select id, replica_micros(stock_synced_at) as synced, default_safety_stock,"
            + " replica_version from location where id = any($1)";

    static final String STOCK = "select location_id, sku, on_hand, reserved, safety_stock, replica_version"
            + " from stock where location_id = any($1) order by location_id, sku";

    static final String INBOUND = "select id, location_id, sku, qty, replica_micros(eta) as eta"
            + " from inbound_receipt where location_id = any($1) and eta > now()";

    static final String LOAD = "select location_id, replica_micros(hour_start) as hour, assigned, replica_version"
            + " from location_load where location_id = any($1) and hour_start >= now() - interval '2 hours'";

    private final Pool pool;
    private final AtpReplica replica;
    private final ReplicaConfig config;
    private final Set<String> pending = new LinkedHashSet<>();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long loadMillis = -1;

    ReplicaLoader(Pool pool, AtpReplica replica, ReplicaConfig config) {
        this.pool = pool;
        this.replica = replica;
        this.config = config;
    }

    /** After the relay has taken its position (default priority), so no change falls between the two. */
    void start(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long started = System.nanoTime();
        loadAll()
                .subscribe()
                .with(
                        done -> {
                            loadMillis = (System.nanoTime() - started) / 1_000_000;
                            replica.markReady();
                            LOG.infof(
                                    "ATP replica loaded: %d locations, %d stock rows, %d SKUs, %.1f MB in %d ms",
                                    replica.loadedLocations(),
                                    replica.rows(),
                                    replica.skus().size(),
                                    replica.bytes() / 1e6,
                                    loadMillis);
                        },
                        failure -> LOG.errorf(failure, "The ATP replica could not load; availability reads SQL"));
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** How long the first load took, or -1 while it runs. */
    public long loadMillis() {
        return loadMillis;
    }

    Uni<Void> loadAll() {
        return loadSkus("").chain(() -> pool.query(LOCATION_IDS).execute()).chain(rows -> {
            List<String> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getString("id")));
            return loadPages(ids, 0);
        });
    }

    private Uni<Void> loadSkus(String after) {
        return pool.preparedQuery(SKUS)
                .execute(Tuple.of(after, SKU_PAGE))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(rows -> {
                    String last = null;
                    for (Row row : rows) {
                        last = row.getString("sku");
                        replica.skus().apply(last, row.getString("parcel_size"), row.getLong("replica_version"));
                    }
                    return rows.size() < SKU_PAGE || stopped ? Uni.createFrom().voidItem() : loadSkus(last);
                });
    }

    private Uni<Void> loadPages(List<String> ids, int from) {
        if (from >= ids.size() || stopped) {
            return Uni.createFrom().voidItem();
        }
        int to = Math.min(ids.size(), from + config.locationsPerRead());
        return load(ids.subList(from, to)).chain(() -> loadPages(ids, to));
    }

    /** Reads the given locations from SQL and merges them in; they are loaded afterwards. */
    Uni<Void> load(List<String> ids) {
        Tuple args = Tuple.of(ids.toArray(String[]::new));
        return pool.preparedQuery(LOCATIONS)
                .execute(args)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::mergeLocations)
                .chain(() -> pool.preparedQuery(STOCK).execute(args))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::mergeStock)
                .chain(() -> pool.preparedQuery(INBOUND).execute(args))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::mergeInbound)
                .chain(() -> pool.preparedQuery(LOAD).execute(args))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::mergeLoad)
                .invoke(() -> ids.forEach(id -> {
                    ReplicaLocation stock = replica.location(id);
                    synchronized (stock) {
                        stock.loaded = true;
                    }
                }))
                .replaceWithVoid();
    }

    /** Re-reads locations a bulk statement changed, a page at a time, coalescing repeated asks. */
    void reload(Set<String> ids) {
        synchronized (pending) {
            pending.addAll(ids);
        }
        drain();
    }

    private void drain() {
        if (stopped || !reloading.compareAndSet(false, true)) {
            return;
        }
        List<String> page = new ArrayList<>();
        synchronized (pending) {
            var it = pending.iterator();
            while (it.hasNext() && page.size() < config.locationsPerRead()) {
                page.add(it.next());
                it.remove();
            }
        }
        if (page.isEmpty()) {
            reloading.set(false);
            return;
        }
        load(page).subscribe().with(done -> next(), failure -> {
            LOG.warnf("Re-reading %d locations failed (the reconciliation will repair): %s", page.size(), failure);
            next();
        });
    }

    private void next() {
        reloading.set(false);
        boolean more;
        synchronized (pending) {
            more = !pending.isEmpty();
        }
        if (more) {
            drain();
        }
    }

    private void mergeLocations(RowSet<Row> rows) {
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("id"));
            Long synced = row.getLong("synced");
            synchronized (stock) {
                stock.applyLocation(
                        synced == null ? ReplicaLocation.NEVER : synced,
                        row.getInteger("default_safety_stock"),
                        row.getLong("replica_version"));
            }
        }
    }

    private void mergeStock(RowSet<Row> rows) {
        ReplicaLocation stock = null;
        for (Row row : rows) {
            String id = row.getString("location_id");
            if (stock == null || !stock.id.equals(id)) {
                stock = replica.location(id);
            }
            int sku = replica.skus().indexOrAdd(row.getString("sku"));
            Integer safety = row.getInteger("safety_stock");
            synchronized (stock) {
                stock.applyStock(
                        sku,
                        row.getInteger("on_hand"),
                        row.getInteger("reserved"),
                        safety == null ? ReplicaLocation.NO_SAFETY : safety,
                        row.getLong("replica_version"));
            }
        }
    }

    private void mergeInbound(RowSet<Row> rows) {
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("location_id"));
            int sku = replica.skus().indexOrAdd(row.getString("sku"));
            synchronized (stock) {
                stock.addReceipt(row.getLong("id"), sku, row.getInteger("qty"), row.getLong("eta"));
            }
        }
    }

    private void mergeLoad(RowSet<Row> rows) {
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("location_id"));
            synchronized (stock) {
                stock.applyLoad(row.getLong("hour"), row.getInteger("assigned"), row.getLong("replica_version"));
            }
        }
    }
}
