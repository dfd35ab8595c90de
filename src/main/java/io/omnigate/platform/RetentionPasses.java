package io.omnigate.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes finished rows that only grow (holds, reservations, stock adjustments, order history)
 * once they are older than their retention ({@link RetentionConfig}), in bounded batches so a pass
 * never holds long locks or runs unbounded, with a counter of rows removed per table
 * ({@code omnigate.retention.removed}). Live rows (active holds and reservations) are never touched.
 */
@ApplicationScoped
public class RetentionPasses {

    /** The tables pruned, in the order a pass visits them (reservations before the holds they reference). */
    public enum Table {
        RESERVATIONS,
        HOLDS,
        ADJUSTMENTS,
        ORDER_HISTORY
    }

    private static final String RESERVATIONS = "delete from reservation where id = any(array("
            + " select id from reservation where status <> 'ACTIVE'"
            + " and released_at < now() - make_interval(secs => $1) limit $2))";
    // A hold goes with its finished reservations; one with a live reservation stays.
    // 'ACTIVE' is written out here, not taken from inventory.ReservationStatus or orders.HoldStatus:
    // platform/ imports no feature package. StatusEnumsTest holds those enums to the tables' checks.
    private static final String HOLDS = "with doomed as (select h.id from hold h where h.status <> 'ACTIVE'"
            + "   and h.expires_at < now() - make_interval(secs => $1)"
            + "   and not exists (select 1 from reservation r where r.hold_id = h.id and r.status = 'ACTIVE')"
            + "   limit $2),"
            + " gone as (delete from reservation where hold_id in (select id from doomed))"
            + " delete from hold where id in (select id from doomed)";
    private static final String ADJUSTMENTS = "delete from inventory_adjustment where ctid = any(array("
            + " select ctid from inventory_adjustment where applied_at < now() - make_interval(secs => $1) limit $2))";
    // History ids grow with time: only the oldest rows by id are looked at, so a pass over a table
    // with nothing old reads one batch of the primary key instead of the whole table.
    private static final String ORDER_HISTORY = "delete from order_history where id = any(array("
            + " select id from (select id, at from order_history order by id limit $2) oldest"
            + " where at < now() - make_interval(secs => $1)))";

    private final Pool pool;
    private final Vertx vertx;
    private final RetentionConfig config;
    private final Map<Table, Counter> removed = new EnumMap<>(Table.class);
    private PeriodicSweep sweep;

    RetentionPasses(Pool pool, Vertx vertx, RetentionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        for (Table table : Table.values()) {
            removed.put(
                    table,
                    Counter.builder("omnigate.retention.removed")
                            .description("Rows deleted by the retention passes")
                            .tag("table", table.name().toLowerCase())
                            .register(registry));
        }
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            sweep = PeriodicSweep.every(
                    vertx,
                    config.interval(),
                    "Retention pass",
                    () -> pass(config.batchSize(), config.maxBatchesPerPass()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweep != null) {
            sweep.stop();
        }
    }

    /** One pass over every table, at most {@code maxBatches} deletes of {@code batchSize} rows each; rows removed per table. */
    public Uni<Map<Table, Integer>> pass(int batchSize, int maxBatches) {
        Map<Table, Integer> counts = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Table table : Table.values()) {
            chain = chain.chain(() -> prune(table, batchSize, maxBatches, 0))
                    .invoke(count -> counts.put(table, count))
                    .replaceWithVoid();
        }
        return chain.map(done -> counts);
    }

    private Uni<Integer> prune(Table table, int batchSize, int batchesLeft, int removedSoFar) {
        if (batchesLeft <= 0) {
            return Uni.createFrom().item(removedSoFar);
        }
        return pool.preparedQuery(sql(table))
                .execute(Tuple.of(retention(table).toSeconds(), batchSize))
                .map(rows -> rows.rowCount())
                .invoke(count -> removed.get(table).increment(count))
                .chain(count -> count < batchSize
                        ? Uni.createFrom().item(removedSoFar + count)
                        : prune(table, batchSize, batchesLeft - 1, removedSoFar + count));
    }

    private static String sql(Table table) {
        return switch (table) {
            case RESERVATIONS -> RESERVATIONS;
            case HOLDS -> HOLDS;
            case ADJUSTMENTS -> ADJUSTMENTS;
            case ORDER_HISTORY -> ORDER_HISTORY;
        };
    }

    private Duration retention(Table table) {
        return switch (table) {
            case RESERVATIONS -> config.reservations();
            case HOLDS -> config.holds();
            case ADJUSTMENTS -> config.adjustments();
            case ORDER_HISTORY -> config.orderHistory();
        };
    }
}
