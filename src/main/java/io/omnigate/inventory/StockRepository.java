package io.omnigate.inventory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Stock counters; every change is a guarded single statement, never a read-modify-write. */
@ApplicationScoped
public class StockRepository {

    private static final String UNKNOWN_REFERENCES = "select"
            + " array(select unnest($1::text[]) except select id from location) as locations,"
            + " array(select unnest($2::text[]) except select sku from sku) as skus";

    /**
     * A live feed proves the counts are current. Refreshing at most every few seconds keeps parallel
     * feeds of one store from queueing on its location row; the row is still taken before any
     * stock row, the order snapshots use.
     */
    private static final String TOUCH_LOCATIONS = "update location set stock_synced_at = now()"
            + " where id = any($1) and (stock_synced_at is null or stock_synced_at < now() - interval '5 seconds')";

    private static final String APPLY_ADJUSTMENTS = "with fresh as ("
            + " insert into inventory_adjustment (event_id, location_id, sku, delta, reason, occurred_at)"
            + " select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[])"
            + " on conflict (event_id) do nothing"
            + " returning location_id, sku, delta),"
            + " totals as (select location_id, sku, sum(delta) as delta from fresh group by location_id, sku),"
            + " moved as (update stock s set on_hand = greatest(s.on_hand + t.delta, 0), updated_at = now()"
            + " from totals t where s.location_id = t.location_id and s.sku = t.sku returning 1)"
            + " select (select count(*) from fresh) as applied, (select count(*) from moved) as rows";

    private static final String SET_SAFETY = "insert into stock (location_id, sku, safety_stock)"
            + " select * from unnest($1::text[], $2::text[], $3::int[]) order by 1, 2"
            + " on conflict (location_id, sku) do update set safety_stock = excluded.safety_stock, updated_at = now()";

    /**
     * Returned units back on one location's shelf. Rows are upserted in SKU order, which at one
     * location is the (location_id, sku) lock order of {@link StockLocks}.
     */
    private static final String RESTOCK = "insert into stock (location_id, sku, on_hand)"
            + " select $1, sku, n from unnest($2::text[], $3::int[]) as t(sku, n) where n > 0 order by sku"
            + " on conflict (location_id, sku) do update set on_hand = stock.on_hand + excluded.on_hand,"
            + " updated_at = now()";

    private static final String ATP_AT = "select s.location_id, s.on_hand, s.reserved, "
            + StockSql.SAFETY + " as safety_stock, " + StockSql.ATP + " as atp, l.stock_synced_at,"
            + " r.qty as inbound_qty, r.eta as inbound_eta"
            + " from stock s join location l on l.id = s.location_id"
            + " left join lateral (select sum(qty)::int as qty, min(eta) as eta from inbound_receipt r"
            + "   where r.location_id = s.location_id and r.sku = s.sku and r.eta > now()) r on true"
            + " where s.sku = $1 and s.location_id = any($2)";

    private static final String ATP_ANYWHERE = "select s.location_id, s.on_hand, s.reserved, "
            + StockSql.SAFETY + " as safety_stock, " + StockSql.ATP + " as atp, l.stock_synced_at,"
            + " r.qty as inbound_qty, r.eta as inbound_eta"
            + " from stock s join location l on l.id = s.location_id"
            + " left join lateral (select sum(qty)::int as qty, min(eta) as eta from inbound_receipt r"
            + "   where r.location_id = s.location_id and r.sku = s.sku and r.eta > now()) r on true"
            + " where s.sku = $1 order by atp desc, s.location_id limit $2";

    /** Stock of one SKU at one location, as stored. */
    public record StockRow(
            String locationId,
            int onHand,
            int reserved,
            int safetyStock,
            int atp,
            OffsetDateTime syncedAt,
            Integer inboundQty,
            OffsetDateTime inboundEta) {}

    /** Names in a request that the database does not know. */
    public record UnknownReferences(List<String> locations, List<String> skus) {
        public boolean any() {
            return !locations.isEmpty() || !skus.isEmpty();
        }
    }

    private final Pool pool;

    StockRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<UnknownReferences> unknownReferences(List<String> locationIds, List<String> skus) {
        return pool.preparedQuery(UNKNOWN_REFERENCES)
                .execute(Tuple.of(distinct(locationIds), distinct(skus)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new UnknownReferences(
                            sorted(row.getArrayOfStrings("locations")), sorted(row.getArrayOfStrings("skus")));
                });
    }

    /**
     * Applies each adjustment whose {@code eventId} was never seen, in one transaction. Locations
     * then stock rows are locked in key order, the same order snapshots and reservations use, so
     * concurrent feeds never deadlock. Returns how many were new.
     */
    public Uni<Integer> applyAdjustments(List<Adjustment> adjustments) {
        String[] locations = adjustments.stream().map(Adjustment::locationId).toArray(String[]::new);
        String[] skus = adjustments.stream().map(Adjustment::sku).toArray(String[]::new);
        Tuple apply = Tuple.of(
                adjustments.stream().map(Adjustment::eventId).toArray(String[]::new),
                locations,
                skus,
                adjustments.stream().map(Adjustment::delta).toArray(Integer[]::new),
                adjustments.stream().map(Adjustment::reason).toArray(String[]::new),
                adjustments.stream().map(Adjustment::occurredAt).toArray(OffsetDateTime[]::new));
        StockLocks.Keys stockRows = StockLocks.keys(adjustments.stream()
                .map(a -> new String[] {a.locationId(), a.sku()})
                .toList());
        return pool.withTransaction(tx -> tx.preparedQuery(TOUCH_LOCATIONS)
                .execute(Tuple.of(distinct(Arrays.asList(locations))))
                .chain(() -> StockLocks.ensure(tx, stockRows))
                .chain(() -> StockLocks.lock(tx, stockRows))
                .chain(() -> tx.preparedQuery(APPLY_ADJUSTMENTS).execute(apply))
                .map(rows -> rows.iterator().next().getLong("applied").intValue()));
    }

    /** Sets per-SKU safety stock; {@code null} returns a SKU to its location's default. */
    public Uni<Void> setSafetyStock(List<String> locationIds, List<String> skus, List<Integer> quantities) {
        return pool.preparedQuery(SET_SAFETY)
                .execute(Tuple.of(
                        locationIds.toArray(String[]::new),
                        skus.toArray(String[]::new),
                        quantities.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /**
     * Adds {@code units[i]} of {@code skus[i]} to the on-hand count at {@code locationId} (zeros are
     * skipped, missing rows created), in the caller's transaction: a received return's restock.
     */
    public Uni<Void> restock(SqlClient tx, String locationId, String[] skus, Integer[] units) {
        return tx.preparedQuery(RESTOCK)
                .execute(Tuple.of(locationId, skus, units))
                .replaceWithVoid();
    }

    public Uni<List<StockRow>> atpAt(String sku, List<String> locationIds) {
        return read(pool, ATP_AT, Tuple.of(sku, locationIds.toArray(String[]::new)));
    }

    public Uni<List<StockRow>> atpAnywhere(String sku, int limit) {
        return read(pool, ATP_ANYWHERE, Tuple.of(sku, limit));
    }

    private static Uni<List<StockRow>> read(SqlClient client, String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params).map(rows -> {
            List<StockRow> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                result.add(new StockRow(
                        row.getString("location_id"),
                        row.getInteger("on_hand"),
                        row.getInteger("reserved"),
                        row.getInteger("safety_stock"),
                        row.getInteger("atp"),
                        row.getOffsetDateTime("stock_synced_at"),
                        row.getInteger("inbound_qty"),
                        row.getOffsetDateTime("inbound_eta")));
            }
            return result;
        });
    }

    private static String[] distinct(List<String> values) {
        return values.stream().distinct().sorted().toArray(String[]::new);
    }

    private static List<String> sorted(String[] values) {
        return values == null
                ? List.of()
                : Arrays.stream(values).sorted(Comparator.naturalOrder()).toList();
    }
}
