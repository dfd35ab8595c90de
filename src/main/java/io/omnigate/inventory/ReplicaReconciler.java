package io.omnigate.inventory;

import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Compares the replica with SQL, a bounded share per pass (location by location, resuming where
 * the last pass stopped), repairs what differs at the same or an older version and counts it
 * ({@code omnigate_atp_replica_repairs_total}). Drift should never happen; this is the safety net
 * for a lost notice or a bug.
 */
@ApplicationScoped
public class ReplicaReconciler {

    private static final Logger LOG = Logger.getLogger(ReplicaReconciler.class);

    static final String NEXT_LOCATIONS =
            "select l.id, (select count(*) from stock s where s.location_id = l.id) as rows"
                    + " from location l where l.id > $1 order by l.id limit 200";

    private final Pool pool;
    private final AtpReplica replica;
    private final ReplicaConfig config;
    private final Vertx vertx;
    private PeriodicSweep sweep;
    private String cursor = "";

    ReplicaReconciler(Pool pool, AtpReplica replica, ReplicaConfig config, Vertx vertx) {
        this.pool = pool;
        this.replica = replica;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            sweep = PeriodicSweep.every(vertx, config.reconcileInterval(), "ATP replica reconciliation", this::pass);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweep != null) {
            sweep.stop();
        }
    }

    /** One pass: at most {@code reconcileRowsPerPass} stock rows; returns how many things it repaired. */
    public Uni<Integer> pass() {
        if (!replica.ready()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(NEXT_LOCATIONS).execute(Tuple.of(cursor)).chain(rows -> {
            List<String> ids = new ArrayList<>();
            long budget = config.reconcileRowsPerPass();
            for (Row row : rows) {
                budget -= row.getLong("rows");
                if (budget < 0 && !ids.isEmpty()) {
                    break;
                }
                ids.add(row.getString("id"));
            }
            cursor = ids.isEmpty() || ids.size() == rows.size() && rows.size() < 200 ? "" : ids.get(ids.size() - 1);
            return ids.isEmpty() ? Uni.createFrom().item(0) : reconcile(ids);
        });
    }

    /** Compares these locations with SQL and repairs them. */
    public Uni<Integer> reconcile(List<String> ids) {
        Tuple args = Tuple.of(ids.toArray(String[]::new));
        int[] repaired = new int[1];
        return pool.preparedQuery(ReplicaLoader.LOCATIONS)
                .execute(args)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(rows -> repaired[0] += locations(rows))
                .chain(() -> pool.preparedQuery(ReplicaLoader.STOCK).execute(args))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(rows -> repaired[0] += stock(rows))
                .chain(() -> pool.preparedQuery(ReplicaLoader.INBOUND).execute(args))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(rows -> repaired[0] += inbound(rows))
                .chain(() -> pool.preparedQuery(ReplicaLoader.LOAD).execute(args))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(rows -> repaired[0] += load(rows))
                .map(done -> {
                    prune(ids);
                    if (repaired[0] > 0) {
                        replica.repaired(repaired[0]);
                        LOG.warnf(
                                "ATP replica reconciliation repaired %d rows in %d locations", repaired[0], ids.size());
                    }
                    return repaired[0];
                });
    }

    private int locations(RowSet<Row> rows) {
        int repaired = 0;
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("id"));
            Long synced = row.getLong("synced");
            synchronized (stock) {
                if (stock.repairLocation(
                        synced == null ? ReplicaLocation.NEVER : synced,
                        row.getInteger("default_safety_stock"),
                        row.getLong("replica_version"))) {
                    repaired++;
                }
            }
        }
        return repaired;
    }

    private int stock(RowSet<Row> rows) {
        int repaired = 0;
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("location_id"));
            int sku = replica.skus().indexOrAdd(row.getString("sku"));
            Integer safety = row.getInteger("safety_stock");
            synchronized (stock) {
                if (stock.repairStock(
                        sku,
                        row.getInteger("on_hand"),
                        row.getInteger("reserved"),
                        safety == null ? ReplicaLocation.NO_SAFETY : safety,
                        row.getLong("replica_version"))) {
                    repaired++;
                }
            }
        }
        return repaired;
    }

    private int inbound(RowSet<Row> rows) {
        int repaired = 0;
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("location_id"));
            int sku = replica.skus().indexOrAdd(row.getString("sku"));
            synchronized (stock) {
                if (stock.addReceipt(row.getLong("id"), sku, row.getInteger("qty"), row.getLong("eta"))) {
                    repaired++;
                }
            }
        }
        return repaired;
    }

    private int load(RowSet<Row> rows) {
        int repaired = 0;
        for (Row row : rows) {
            ReplicaLocation stock = replica.location(row.getString("location_id"));
            synchronized (stock) {
                if (stock.repairLoad(row.getLong("hour"), row.getInteger("assigned"), row.getLong("replica_version"))) {
                    repaired++;
                }
            }
        }
        return repaired;
    }

    /** Receipts that have arrived and hours that have passed are never read again. */
    private void prune(List<String> ids) {
        long now = AtpReplica.micros(java.time.Instant.now());
        for (String id : ids) {
            ReplicaLocation stock = replica.existing(id);
            if (stock != null) {
                synchronized (stock) {
                    stock.pruneReceipts(now);
                    stock.pruneLoad(now - 2 * 3_600_000_000L);
                }
            }
        }
    }
}
