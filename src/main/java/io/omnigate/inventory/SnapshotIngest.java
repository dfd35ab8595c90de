package io.omnigate.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a location's on-hand counts from a full snapshot in one transaction. The body is read
 * to its end first ({@link SnapshotReader}); only then does it take a connection, copy the lines
 * into a temporary table batch by batch, and lock the location for the apply, so a slow upload
 * holds neither a pooled connection nor the lock. Runs on a worker thread: it waits on the
 * reactive client, which is allowed there.
 */
@ApplicationScoped
public class SnapshotIngest {

    public enum Format {
        JSON,
        NDJSON,
        CSV
    }

    /** What a snapshot did. */
    public record Result(String locationId, OffsetDateTime asOf, int lines, int zeroed) {}

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);

    private static final String LOCK_LOCATION = "select snapshot_as_of from location where id = $1 for update";
    private static final String CREATE_LINES =
            "create temp table snapshot_line (sku text primary key, on_hand integer not null) on commit drop";
    private static final String INSERT_LINES = "insert into snapshot_line select * from unnest($1::text[], $2::int[])";
    private static final String UNKNOWN_SKUS = "select l.sku from snapshot_line l"
            + " where not exists (select 1 from sku k where k.sku = l.sku) order by l.sku limit 20";
    private static final String REPLACE_COUNTS = "insert into stock (location_id, sku, on_hand)"
            + " select $1, sku, on_hand from snapshot_line order by sku"
            + " on conflict (location_id, sku) do update set on_hand = excluded.on_hand, updated_at = now()"
            + " where stock.on_hand <> excluded.on_hand";
    private static final String ZERO_MISSING = "update stock s set on_hand = 0, updated_at = now()"
            + " where s.location_id = $1 and s.on_hand <> 0"
            + " and not exists (select 1 from snapshot_line l where l.sku = s.sku)";
    private static final String REPLAY_LATER_DELTAS = "update stock s set on_hand = greatest(s.on_hand + d.delta, 0)"
            + " from (select sku, sum(delta) as delta from inventory_adjustment"
            + "   where location_id = $1 and occurred_at > $2 group by sku) d"
            + " where s.location_id = $1 and s.sku = d.sku";
    private static final String MARK_SYNCED =
            "update location set snapshot_as_of = $2, stock_synced_at = now() where id = $1";

    private final Pool pool;
    private final SnapshotReader reader;
    private final int batchSize;
    private final Duration maxClockSkew;

    SnapshotIngest(Pool pool, ObjectMapper json, InventoryConfig config) {
        this.pool = pool;
        this.reader = new SnapshotReader(json, config.snapshotMaxLines());
        this.batchSize = config.snapshotBatchSize();
        this.maxClockSkew = config.maxClockSkew();
    }

    public Result ingest(String locationId, Format format, OffsetDateTime asOfParam, InputStream body) {
        SnapshotReader.Staged staged = reader.read(body, format, asOfParam);
        OffsetDateTime asOf = staged.asOf();
        if (asOf == null) {
            throw ProblemException.invalid(
                    "asOf", "is required (in the body for JSON, as a query parameter otherwise)");
        }
        ClockSkew.refuseFuture("asOf", asOf, maxClockSkew);
        SqlConnection connection = await(pool.getConnection());
        Transaction tx = await(connection.begin());
        try {
            stage(connection, staged);
            RowSet<Row> location = await(connection.preparedQuery(LOCK_LOCATION).execute(Tuple.of(locationId)));
            if (location.size() == 0) {
                throw ProblemException.notFound("Location", locationId);
            }
            OffsetDateTime applied = location.iterator().next().getOffsetDateTime("snapshot_as_of");
            if (applied != null && !asOf.toInstant().isAfter(applied.toInstant())) {
                throw ProblemException.conflict(
                        "stale-snapshot",
                        "Stale snapshot",
                        "A snapshot as of " + applied.toInstant() + " is already applied; this one is as of "
                                + asOf.toInstant() + ".");
            }
            await(connection.preparedQuery(REPLACE_COUNTS).execute(Tuple.of(locationId)));
            int zeroed = await(connection.preparedQuery(ZERO_MISSING).execute(Tuple.of(locationId)))
                    .rowCount();
            await(connection.preparedQuery(REPLAY_LATER_DELTAS).execute(Tuple.of(locationId, asOf)));
            await(connection.preparedQuery(MARK_SYNCED).execute(Tuple.of(locationId, asOf)));
            await(tx.commit());
            return new Result(locationId, asOf, staged.lines(), zeroed);
        } catch (RuntimeException e) {
            await(tx.rollback().onFailure().recoverWithNull());
            throw e;
        } finally {
            connection.closeAndForget();
        }
    }

    /** Copies the read lines into this transaction's temporary table and checks their SKUs, before any lock. */
    private void stage(SqlConnection connection, SnapshotReader.Staged staged) {
        await(connection.query(CREATE_LINES).execute());
        for (Object[][] batch : SnapshotReader.batches(staged, batchSize)) {
            await(connection.preparedQuery(INSERT_LINES).execute(Tuple.of(batch[0], batch[1])));
        }
        List<String> unknown = new ArrayList<>();
        await(connection.query(UNKNOWN_SKUS).execute()).forEach(r -> unknown.add(r.getString("sku")));
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable(
                    "unknown-sku", "Unknown SKUs", "The snapshot names SKUs not in the catalogue: " + unknown);
        }
    }

    public static OffsetDateTime parseAsOf(String text) {
        return SnapshotReader.parseAsOf(text);
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(STATEMENT_TIMEOUT);
    }
}
