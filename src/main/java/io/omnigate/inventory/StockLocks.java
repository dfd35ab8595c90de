package io.omnigate.inventory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.TreeMap;

/**
 * The one lock-order rule for stock rows: a transaction that touches more than one row locks
 * them in (location_id, sku) order before it moves any counter, so feeds, snapshots, orders,
 * holds, changes and re-routes never deadlock on each other. Everyone that locks stock rows
 * comes through here.
 */
public final class StockLocks {

    private static final String ENSURE_ROWS = "insert into stock (location_id, sku)"
            + " select * from unnest($1::text[], $2::text[]) as t(l, s) order by 1, 2 on conflict do nothing";

    private static final String LOCK_ROWS = "select 1 from stock"
            + " where (location_id, sku) in (select * from unnest($1::text[], $2::text[]))"
            + " order by location_id, sku for update";

    private static final String LOCK_RESERVED_BY = "select 1 from stock where (location_id, sku) in"
            + " (select location_id, sku from reservation where %s = any($1) and status = "
            + ReservationStatus.ACTIVE.sql() + ")"
            + " order by location_id, sku for update";

    /** Which reservations' rows {@link #lockReservedBy} locks. */
    public enum ReservationOwner {
        ORDER("order_id"),
        HOLD("hold_id"),
        FULFILLMENT("fulfillment_id");

        final String column;

        ReservationOwner(String column) {
            this.column = column;
        }
    }

    /** Distinct stock rows in lock order, as the two arrays the statements take. */
    public record Keys(String[] locations, String[] skus) {
        public int size() {
            return locations.length;
        }
    }

    private StockLocks() {}

    /** The distinct (location, sku) pairs of {@code keys}, each a two-element array, in lock order. */
    public static Keys keys(Collection<String[]> keys) {
        TreeMap<String, String[]> distinct = new TreeMap<>();
        keys.forEach(k -> distinct.put(k[0] + "\u0000" + k[1], k));
        return new Keys(
                distinct.values().stream().map(k -> k[0]).toArray(String[]::new),
                distinct.values().stream().map(k -> k[1]).toArray(String[]::new));
    }

    /** Creates the rows that do not exist yet (counters at zero), in lock order. */
    public static Uni<RowSet<Row>> ensure(SqlClient conn, Keys keys) {
        return conn.preparedQuery(ENSURE_ROWS).execute(Tuple.of(keys.locations(), keys.skus()));
    }

    /** Locks the rows in lock order; sent at once, so it can lead a pipelined batch. */
    public static Uni<RowSet<Row>> lock(SqlClient conn, Keys keys) {
        return conn.preparedQuery(LOCK_ROWS).execute(Tuple.of(keys.locations(), keys.skus()));
    }

    /** Locks, in lock order, the rows of the live reservations of the given orders, holds or fulfillments. */
    public static Uni<RowSet<Row>> lockReservedBy(SqlClient conn, ReservationOwner owner, String[] ids) {
        return conn.preparedQuery(String.format(LOCK_RESERVED_BY, owner.column)).execute(Tuple.of((Object) ids));
    }
}
