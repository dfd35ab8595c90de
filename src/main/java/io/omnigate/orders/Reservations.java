package io.omnigate.orders;

import static io.omnigate.inventory.ReservationKind.INBOUND;
import static io.omnigate.inventory.ReservationKind.STOCK;
import static io.omnigate.inventory.ReservationStatus.ACTIVE;
import static io.omnigate.inventory.ReservationStatus.RELEASED;

import io.omnigate.inventory.InventoryConfig;
import io.omnigate.inventory.ReservationStatus;
import io.omnigate.inventory.StockLocks;
import io.omnigate.inventory.StockSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stock reservations. Counters move only by guarded single-statement updates; when a transaction
 * touches more than one stock row it first locks them through {@link StockLocks}, so two orders
 * never deadlock.
 */
@ApplicationScoped
public class Reservations {

    Reservations(InventoryConfig inventory) {
        String reservable = StockSql.reservable(inventory.staleAfter(), inventory.staleBuffer());
        this.reserveStock = String.format(RESERVE_STOCK, reservable);
        this.reserveStockOrAbort = String.format(RESERVE_STOCK_OR_ABORT, reservable);
        this.reserveRowsForAllOrAbort = String.format(RESERVE_ROWS_FOR_ALL_OR_ABORT, reservable);
        this.candidateAtp = String.format(CANDIDATE_ATP, reservable);
    }

    /** One unit of work for the guarded update: reserve {@code qty} of {@code sku} at {@code locationId}. */
    public record Claim(String fulfillmentId, String locationId, String sku, OrderApi.LineMode mode, int qty) {}

    /** A stock row a claim could not get. */
    public record Shortage(String locationId, String sku, OrderApi.LineMode mode) {}

    /** Who a reservation belongs to: exactly one of order and hold. */
    public record Owner(String orderId, String holdId) {
        public static Owner order(String id) {
            return new Owner(id, null);
        }

        static Owner hold(String id) {
            return new Owner(null, id);
        }
    }

    /** Expected receipts minus what backorders already claimed; the stock row lock serialises it. */
    private static final String RESERVE_INBOUND = "insert into reservation"
            + " (order_id, hold_id, fulfillment_id, location_id, sku, kind, qty, status)"
            + " select $1::text, $2::text, $3::text, $4::text, $5::text, " + INBOUND.sql() + ", $6::int, "
            + ACTIVE.sql()
            + " where (select coalesce(sum(qty), 0) from inbound_receipt where location_id = $4::text"
            + "   and sku = $5::text and eta > now())"
            + " - (select coalesce(sum(qty), 0) from reservation where location_id = $4::text and sku = $5::text"
            + "   and kind = " + INBOUND.sql() + " and status = " + ACTIVE.sql() + ") >= $6::int"
            + " returning id";

    /**
     * Ends every live reservation of the owners: the reserved units are freed and, when {@code $3}
     * (the goods left with the customer), also taken off the shelf. The shelf count never goes below
     * zero: a snapshot that already counted the units gone has the last word.
     */
    private static final String SETTLE_OWNED = "with r as (update reservation set status = $2, released_at = now()"
            + "   where %s = any($1) and status = " + ACTIVE.sql() + " returning location_id, sku, qty, kind),"
            + " t as (select location_id, sku, sum(qty)::int as q from r where kind = " + STOCK.sql()
            + " group by 1, 2)"
            + " update stock s set reserved = s.reserved - t.q,"
            + "   on_hand = case when $3 then greatest(s.on_hand - t.q, 0) else s.on_hand end, updated_at = now()"
            + " from t where s.location_id = t.location_id and s.sku = t.sku returning s.sku";

    /**
     * Releases {@code qty} of each SKU of one fulfillment; with {@code shrinkOnHand} the units are
     * also taken off the shelf count (a store reported them missing).
     */
    private static final String RELEASE_PART = "with t as (select * from unnest($2::text[], $3::int[]) as t(sku, qty)),"
            + " r as (update reservation v set"
            + "   status = case when v.qty <= t.qty then " + RELEASED.sql() + " else v.status end,"
            + "   released_at = case when v.qty <= t.qty then now() else v.released_at end,"
            + "   qty = case when v.qty <= t.qty then v.qty else v.qty - t.qty end"
            + "   from t where v.fulfillment_id = $1 and v.sku = t.sku and v.status = " + ACTIVE.sql()
            + "   returning v.location_id, v.sku, v.kind, case when v.status = " + RELEASED.sql()
            + " then v.qty else t.qty end as q,"
            + "   t.qty as missing),"
            + " s2 as (update stock s set reserved = s.reserved - r.q,"
            + "   on_hand = case when $4 then greatest(s.on_hand - r.missing, 0) else s.on_hand end, updated_at = now()"
            + "   from r where r.kind = " + STOCK.sql()
            + " and s.location_id = r.location_id and s.sku = r.sku returning 1)"
            + " select count(*) from s2";

    private final String reserveStock;
    private final String reserveStockOrAbort;

    /** The guarded update and its reservations, with the guard {@code %s >= t.qty}, the reservable ATP. */
    private static final String RESERVE_STOCK_CTES = "with t as ("
            + " select * from unnest($1::text[], $2::text[], $3::int[], $4::text[]) as t(location_id, sku, qty, fid)),"
            + " moved as (update stock s set reserved = s.reserved + t.qty, updated_at = now()"
            + "   from t, location l"
            + "   where s.location_id = t.location_id and s.sku = t.sku and l.id = s.location_id"
            + "   and %s >= t.qty"
            + "   returning s.location_id, s.sku),"
            + " kept as (insert into reservation (order_id, hold_id, fulfillment_id, location_id, sku, kind, qty, status)"
            + "   select $5, $6, t.fid, t.location_id, t.sku, " + STOCK.sql() + ", t.qty, " + ACTIVE.sql()
            + "   from t join moved m on m.location_id = t.location_id and m.sku = t.sku)";

    /** Answers with the rows it moved; the caller rolls back when one is missing. */
    private static final String RESERVE_STOCK = RESERVE_STOCK_CTES + " select location_id, sku from moved";

    /**
     * Aborts its transaction when a claim found no stock (SQLSTATE {@value #SHORT_STOCK}, the short
     * SKUs as a JSON array in the detail; migration V18_1), for a transaction that commits unseen.
     */
    private static final String RESERVE_STOCK_OR_ABORT = RESERVE_STOCK_CTES
            + " select omnigate_require(count(*) filter (where m.sku is null) = 0, '" + Reservations.SHORT_STOCK
            + "', 'insufficient stock', (json_agg(t.sku) filter (where m.sku is null))::text)"
            + " from t left join moved m on m.location_id = t.location_id and m.sku = t.sku";

    /**
     * One guarded update for many single-row orders' claims: each row moves by the sum of its claims
     * or the statement aborts, then each claim gets its reservation. It aborts with {@link
     * #SHORT_STOCK} when all claims are on one row and none would have fit alone (the reservable units
     * as read here are below the smallest claim), else with {@link #SHORT_FOR_SUM}.
     */
    private static final String RESERVE_ROWS_FOR_ALL_OR_ABORT = "with t as (select * from unnest("
            + "$1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) as t(order_id, fid, location_id, sku, qty)),"
            + " need as (select location_id, sku, sum(qty)::int as q from t group by location_id, sku),"
            + " moved as (update stock s set reserved = s.reserved + need.q, updated_at = now()"
            + "   from need, location l"
            + "   where s.location_id = need.location_id and s.sku = need.sku and l.id = s.location_id and %1$s >= need.q"
            + "   returning s.location_id, s.sku),"
            + " kept as (insert into reservation (order_id, fulfillment_id, location_id, sku, kind, qty, status)"
            + "   select t.order_id, t.fid, t.location_id, t.sku, " + STOCK.sql() + ", t.qty, " + ACTIVE.sql()
            + "   from t join moved m on m.location_id = t.location_id and m.sku = t.sku returning 1)"
            + " select omnigate_require((select count(*) from kept) = (select count(*) from t),"
            + " case when (select count(*) from need) = 1 and coalesce((select %1$s from stock s"
            + "   join location l on l.id = s.location_id join need n on n.location_id = s.location_id"
            + "   and n.sku = s.sku), 0) < (select min(qty) from t)"
            + " then '" + Reservations.SHORT_STOCK + "' else '" + Reservations.SHORT_FOR_SUM + "' end,"
            + " 'insufficient stock', (select json_agg(distinct sku) from t)::text)";

    private final String reserveRowsForAllOrAbort;

    /**
     * Sent in the same transaction just before the guarded update. Its arrays make PostgreSQL's
     * generic plan look ten times dearer than a plan for one row, so without this it plans the
     * statement afresh on every call (0.8 ms of planning per order under load, measured with
     * {@code pg_stat_statements.track_planning}); the generic plan uses the same primary-key index
     * scans. {@code LOCAL}: it ends with the transaction.
     */
    static final String GENERIC_PLAN = "set local plan_cache_mode = force_generic_plan";

    /** SQLSTATE of {@link #RESERVE_STOCK_OR_ABORT} when stock was short. */
    public static final String SHORT_STOCK = "OGS01";

    /** SQLSTATE of {@link #RESERVE_ROWS_FOR_ALL_OR_ABORT} when a sum was short but a claim alone might have fit. */
    static final String SHORT_FOR_SUM = "OGS02";

    private final String candidateAtp;

    private static final String CANDIDATE_ATP = "select s.location_id, s.sku, %s as atp"
            + " from stock s join location l on l.id = s.location_id"
            + " where s.location_id = any($1) and s.sku = any($2)";

    private static final String LOADS = "select location_id, assigned from location_load"
            + " where location_id = any($1) and hour_start = date_trunc('hour', now())";

    /**
     * Reserves every claim in one go; returns the claims that could not be served. The caller rolls
     * back (or returns to a savepoint) when the list is not empty: successful rows stay reserved.
     */
    public Uni<List<Shortage>> reserve(SqlConnection conn, Owner owner, List<Claim> claims) {
        List<Claim> sorted = stockRows(claims);
        List<Claim> inbound = claims.stream()
                .filter(c -> c.mode() == OrderApi.LineMode.BACKORDER)
                .toList();
        List<String[]> keys = new ArrayList<>();
        sorted.forEach(c -> keys.add(new String[] {c.locationId(), c.sku()}));
        inbound.forEach(c -> keys.add(new String[] {c.locationId(), c.sku()}));
        Uni<Void> locked = lockRows(conn, keys, !inbound.isEmpty());
        return locked.chain(() -> reserveStock(conn, owner, sorted))
                .chain(shortages -> reserveInbound(conn, owner, inbound, 0, new ArrayList<>(shortages)));
    }

    /**
     * The statements that reserve STOCK {@code claims} in a transaction sent as one flight, each
     * sent at once: the row locks in (location_id, sku) order when there is more than one row, then
     * the guarded update that aborts the transaction when a claim found no stock ({@link #SHORT_STOCK}).
     */
    public List<Uni<?>> reserveInOneFlight(SqlConnection conn, Owner owner, List<Claim> claims) {
        if (claims.stream().anyMatch(c -> c.mode() != OrderApi.LineMode.STOCK)) {
            throw new IllegalArgumentException("one flight reserves STOCK claims only");
        }
        List<Claim> sorted = stockRows(claims);
        List<Uni<?>> statements = new ArrayList<>();
        if (sorted.size() > 1) {
            statements.add(StockLocks.lock(
                    conn,
                    StockLocks.keys(sorted.stream()
                            .map(c -> new String[] {c.locationId(), c.sku()})
                            .toList())));
        }
        statements.add(conn.query(GENERIC_PLAN).execute());
        statements.add(conn.preparedQuery(reserveStockOrAbort).execute(stockTuple(owner, sorted)));
        return statements;
    }

    /** Several single-row orders' claims in one flight: rows locked in lock order, then {@link #RESERVE_ROWS_FOR_ALL_OR_ABORT}. */
    List<Uni<?>> reserveRowsForAllInOneFlight(SqlConnection conn, List<String> orderIds, List<Claim> claims) {
        if (claims.stream().anyMatch(c -> c.mode() != OrderApi.LineMode.STOCK)) {
            throw new IllegalArgumentException("STOCK claims only");
        }
        List<Uni<?>> statements = new ArrayList<>();
        StockLocks.Keys rows = StockLocks.keys(
                claims.stream().map(c -> new String[] {c.locationId(), c.sku()}).toList());
        if (rows.size() > 1) {
            statements.add(StockLocks.lock(conn, rows));
        }
        statements.add(conn.query(GENERIC_PLAN).execute());
        statements.add(conn.preparedQuery(reserveRowsForAllOrAbort)
                .execute(Tuple.of(
                        orderIds.toArray(String[]::new),
                        claims.stream().map(Claim::fulfillmentId).toArray(String[]::new),
                        claims.stream().map(Claim::locationId).toArray(String[]::new),
                        claims.stream().map(Claim::sku).toArray(String[]::new),
                        claims.stream().map(Claim::qty).toArray(Integer[]::new))));
        return statements;
    }

    /** The STOCK claims merged per (location, sku), in lock order: one guarded update row each. */
    static List<Claim> stockRows(List<Claim> claims) {
        Map<String, Claim> rows = new TreeMap<>();
        for (Claim claim : claims) {
            if (claim.mode() == OrderApi.LineMode.STOCK) {
                rows.merge(
                        claim.locationId() + "\u0000" + claim.sku(),
                        claim,
                        (a, b) -> new Claim(a.fulfillmentId(), a.locationId(), a.sku(), a.mode(), a.qty() + b.qty()));
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** The guarded update's parameters: the rows as columns, then the owner. */
    private static Tuple stockTuple(Owner owner, List<Claim> rows) {
        return Tuple.from(java.util.Arrays.asList(
                rows.stream().map(Claim::locationId).toArray(String[]::new),
                rows.stream().map(Claim::sku).toArray(String[]::new),
                rows.stream().map(Claim::qty).toArray(Integer[]::new),
                rows.stream().map(Claim::fulfillmentId).toArray(String[]::new),
                owner.orderId(),
                owner.holdId()));
    }

    /** Locks stock rows in lock order ({@link StockLocks}); one row needs no explicit lock, its update takes it. */
    public Uni<Void> lockRows(SqlConnection conn, List<String[]> keys, boolean ensureRows) {
        StockLocks.Keys rows = StockLocks.keys(keys);
        Uni<Void> ensured = ensureRows
                ? StockLocks.ensure(conn, rows).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (rows.size() <= 1 && !ensureRows) {
            return ensured;
        }
        return ensured.chain(() -> StockLocks.lock(conn, rows)).replaceWithVoid();
    }

    private Uni<List<Shortage>> reserveStock(SqlConnection conn, Owner owner, List<Claim> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<RowSet<Row>> genericPlan = conn.query(GENERIC_PLAN).execute();
        Uni<RowSet<Row>> reserved = conn.preparedQuery(reserveStock).execute(stockTuple(owner, claims));
        return Uni.combine()
                .all()
                .unis(genericPlan, reserved)
                .with((ignored, rows) -> rows)
                .map(rows -> {
                    java.util.Set<String> moved = new java.util.HashSet<>();
                    for (Row row : rows) {
                        moved.add(row.getString("location_id") + "\u0000" + row.getString("sku"));
                    }
                    List<Shortage> shortages = new ArrayList<>();
                    for (Claim claim : claims) {
                        if (!moved.contains(claim.locationId() + "\u0000" + claim.sku())) {
                            shortages.add(new Shortage(claim.locationId(), claim.sku(), claim.mode()));
                        }
                    }
                    return shortages;
                });
    }

    private Uni<List<Shortage>> reserveInbound(
            SqlConnection conn, Owner owner, List<Claim> claims, int index, List<Shortage> shortages) {
        if (index == claims.size()) {
            return Uni.createFrom().item(shortages);
        }
        Claim claim = claims.get(index);
        return conn.preparedQuery(RESERVE_INBOUND)
                .execute(Tuple.from(java.util.Arrays.asList(
                        owner.orderId(),
                        owner.holdId(),
                        claim.fulfillmentId(),
                        claim.locationId(),
                        claim.sku(),
                        claim.qty())))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        shortages.add(new Shortage(claim.locationId(), claim.sku(), claim.mode()));
                    }
                    return reserveInbound(conn, owner, claims, index + 1, shortages);
                });
    }

    /** Releases every live reservation of the given orders, holds or fulfillments. */
    public Uni<Void> releaseOwned(
            SqlConnection conn, OwnerColumn column, List<String> ids, ReservationStatus newStatus) {
        return settleOwned(conn, column, ids, newStatus, false);
    }

    /** The fulfillment's goods left with the customer or the carrier: its reserved units leave the shelf. */
    public Uni<Void> consumeFulfillment(SqlConnection conn, String fulfillmentId) {
        return settleOwned(conn, OwnerColumn.FULFILLMENT, List.of(fulfillmentId), ReservationStatus.FULFILLED, true);
    }

    private Uni<Void> settleOwned(
            SqlConnection conn,
            OwnerColumn column,
            List<String> ids,
            ReservationStatus newStatus,
            boolean leavesShelf) {
        if (newStatus.isLive()) {
            throw new IllegalArgumentException("a reservation settles to an end status, not " + newStatus);
        }
        String[] owners = ids.toArray(String[]::new);
        return StockLocks.lockReservedBy(conn, column.locks, owners)
                .chain(() -> conn.preparedQuery(String.format(SETTLE_OWNED, column.sql))
                        .execute(Tuple.of(owners, newStatus.name(), leavesShelf)))
                .replaceWithVoid();
    }

    /** Releases part of one fulfillment's reservations; the caller has locked the stock rows. */
    public Uni<Void> releasePart(
            SqlConnection conn, String fulfillmentId, Map<String, Integer> qtyBySku, boolean shrink) {
        TreeMap<String, Integer> sorted = new TreeMap<>(qtyBySku);
        return conn.preparedQuery(RELEASE_PART)
                .execute(Tuple.of(
                        fulfillmentId,
                        sorted.keySet().toArray(String[]::new),
                        sorted.values().toArray(Integer[]::new),
                        shrink))
                .replaceWithVoid();
    }

    public enum OwnerColumn {
        ORDER("order_id", StockLocks.ReservationOwner.ORDER),
        HOLD("hold_id", StockLocks.ReservationOwner.HOLD),
        FULFILLMENT("fulfillment_id", StockLocks.ReservationOwner.FULFILLMENT);

        final String sql;
        final StockLocks.ReservationOwner locks;

        OwnerColumn(String sql, StockLocks.ReservationOwner locks) {
            this.sql = sql;
            this.locks = locks;
        }
    }

    /** ATP of the given SKUs at the given locations, keyed by location then SKU. */
    public Uni<Map<String, Map<String, Integer>>> atp(SqlClient conn, List<String> locations, List<String> skus) {
        return conn.preparedQuery(candidateAtp)
                .execute(Tuple.of(locations.toArray(String[]::new), skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Map<String, Integer>> atp = new HashMap<>();
                    for (Row row : rows) {
                        atp.computeIfAbsent(row.getString("location_id"), k -> new HashMap<>())
                                .put(row.getString("sku"), row.getInteger("atp"));
                    }
                    return atp;
                });
    }

    public Uni<Map<String, Integer>> loads(SqlClient conn, List<String> locations) {
        return conn.preparedQuery(LOADS)
                .execute(Tuple.of(locations.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> loads = new HashMap<>();
                    rows.forEach(r -> loads.put(r.getString("location_id"), r.getInteger("assigned")));
                    return loads;
                });
    }
}
