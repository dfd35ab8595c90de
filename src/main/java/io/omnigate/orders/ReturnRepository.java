package io.omnigate.orders;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Return records ({@code return_record}) and their lines ({@code order_return}). Statements name
 * {@link ReturnStatus#REQUESTED} as a literal, so the partial index on it (V10_1) serves them.
 */
@ApplicationScoped
class ReturnRepository {

    private static final String LOCK_ORDER = "select 1 from orders where id = $1 for update";
    private static final String RETURNABLE = "select fl.sku, sum(fl.qty)::int"
            + " - coalesce((select sum(r.qty) from order_return r where r.order_id = $1 and r.sku = fl.sku), 0)::int"
            + "   as returnable"
            + " from fulfillment f join fulfillment_line fl on fl.fulfillment_id = f.id"
            + " where f.order_id = $1 and f.status in "
            + FulfillmentStatus.sqlList(FulfillmentStatus::isHandedOver)
            + " group by fl.sku";
    private static final String INSERT_RECORD = "insert into return_record"
            + " (id, order_id, method, location_id, restock_location_id, status) values ($1, $2, $3, $4, $5, "
            + ReturnStatus.REQUESTED.sql() + ")";
    private static final String INSERT_LINES = "insert into order_return"
            + " (return_id, order_id, method, location_id, sku, qty, restocked)"
            + " select $1, $2, $3, $4, * from unnest($5::text[], $6::int[], $7::bool[])";
    private static final String LOCK_RECORD = "select * from return_record where id = $1 for update";
    private static final String RECORD = "select * from return_record where id = $1";
    private static final String PLACES =
            "select order_id, location_id, restock_location_id from return_record" + " where id = $1";
    private static final String LINES = "select sku, sum(qty)::int as qty, bool_and(restocked) as restockable,"
            + " sum(restock_qty)::int as restocked from order_return where return_id = $1 group by sku order by sku";
    private static final String SET_RESTOCKED = "update order_return r set restock_qty = least(r.qty, t.n)"
            + " from (select sku, n from unnest($2::text[], $3::int[]) as u(sku, n)) t"
            + " where r.return_id = $1 and r.sku = t.sku";
    private static final String RECEIVED = "update return_record set status = $2, received_at = now()"
            + " where id = $1 and status = " + ReturnStatus.REQUESTED.sql();

    /** A return record's places: where it was handed in, and where its units go back on the shelf. */
    record Places(String orderId, String locationId, String restockLocationId) {}

    /** A return record under its row lock. */
    record LockedReturn(Places places, ReturnStatus status, OffsetDateTime receivedAt) {}

    /** A new return's lines, index by index. */
    record NewLines(String[] skus, Integer[] qty, Boolean[] restockable) {}

    /** Locks the order so two returns of it never both count the same units; false when there is none. */
    Uni<Boolean> lockOrder(SqlConnection conn, String orderId) {
        return conn.preparedQuery(LOCK_ORDER).execute(Tuple.of(orderId)).map(rows -> rows.size() > 0);
    }

    /** Per SKU, the units handed over and not yet in a return. */
    Uni<Map<String, Integer>> returnable(SqlConnection conn, String orderId) {
        return conn.preparedQuery(RETURNABLE).execute(Tuple.of(orderId)).map(rows -> {
            Map<String, Integer> returnable = new HashMap<>();
            rows.forEach(r -> returnable.put(r.getString("sku"), r.getInteger("returnable")));
            return returnable;
        });
    }

    /** Writes a REQUESTED record and its lines. */
    Uni<Void> insert(SqlConnection conn, String returnId, String method, Places places, NewLines lines) {
        return conn.preparedQuery(INSERT_RECORD)
                .execute(Tuple.of(returnId, places.orderId(), method, places.locationId(), places.restockLocationId()))
                .chain(() -> conn.preparedQuery(INSERT_LINES)
                        .execute(Tuple.from(Arrays.asList(
                                returnId,
                                places.orderId(),
                                method,
                                places.locationId(),
                                lines.skus(),
                                lines.qty(),
                                lines.restockable()))))
                .replaceWithVoid();
    }

    /** Locks the record; empty when there is none. */
    Uni<Optional<LockedReturn>> lock(SqlConnection conn, String returnId) {
        return conn.preparedQuery(LOCK_RECORD).execute(Tuple.of(returnId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row record = rows.iterator().next();
            return Optional.of(new LockedReturn(
                    places(record),
                    ReturnStatus.valueOf(record.getString("status")),
                    record.getOffsetDateTime("received_at")));
        });
    }

    /** The record's places; the caller knows it exists. */
    Uni<Places> places(SqlConnection conn, String returnId) {
        return conn.preparedQuery(PLACES)
                .execute(Tuple.of(returnId))
                .map(rows -> places(rows.iterator().next()));
    }

    /** Units returned per SKU, in SKU order. */
    Uni<Map<String, Integer>> returnedQty(SqlConnection conn, String returnId) {
        return conn.preparedQuery(LINES).execute(Tuple.of(returnId)).map(rows -> {
            Map<String, Integer> returned = new LinkedHashMap<>();
            rows.forEach(r -> returned.put(r.getString("sku"), r.getInteger("qty")));
            return returned;
        });
    }

    /** Notes how many units of each SKU went back on the shelf (at most the units returned). */
    Uni<Void> setRestocked(SqlConnection conn, String returnId, String[] skus, Integer[] units) {
        return conn.preparedQuery(SET_RESTOCKED)
                .execute(Tuple.of(returnId, skus, units))
                .replaceWithVoid();
    }

    /** Closes a REQUESTED record as received with {@code status}. */
    Uni<Void> markReceived(SqlConnection conn, String returnId, ReturnStatus status) {
        return conn.preparedQuery(RECEIVED)
                .execute(Tuple.of(returnId, status.name()))
                .replaceWithVoid();
    }

    /** The return with its lines; empty when there is none. */
    Uni<Optional<ReturnsApi.ReturnView>> view(SqlConnection conn, String returnId) {
        return conn.preparedQuery(RECORD).execute(Tuple.of(returnId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<ReturnsApi.ReturnView>empty());
            }
            Row record = rows.iterator().next();
            return conn.preparedQuery(LINES).execute(Tuple.of(returnId)).map(lines -> Optional.of(view(record, lines)));
        });
    }

    private static Places places(Row record) {
        return new Places(
                record.getString("order_id"), record.getString("location_id"), record.getString("restock_location_id"));
    }

    private static ReturnsApi.ReturnView view(Row record, Iterable<Row> lineRows) {
        List<ReturnsApi.ReturnLineView> lines = new ArrayList<>();
        lineRows.forEach(r -> lines.add(new ReturnsApi.ReturnLineView(
                r.getString("sku"), r.getInteger("qty"), r.getBoolean("restockable"), r.getInteger("restocked"))));
        OffsetDateTime receivedAt = record.getOffsetDateTime("received_at");
        return new ReturnsApi.ReturnView(
                record.getString("id"),
                record.getString("order_id"),
                OrderApi.ReturnMethod.valueOf(record.getString("method")),
                record.getString("location_id"),
                record.getString("restock_location_id"),
                ReturnStatus.valueOf(record.getString("status")),
                lines,
                record.getOffsetDateTime("requested_at").toInstant(),
                receivedAt == null ? null : receivedAt.toInstant());
    }
}
