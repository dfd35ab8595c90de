package io.omnigate.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Orders, fulfillments and their lines in PostgreSQL; transactions retried on deadlock or serialization failure. */
@ApplicationScoped
public class OrderRepository {

    /** A fulfillment about to be written. */
    public record NewFulfillment(String id, String locationId, List<OrderApi.Line> lines) {}

    /** A fulfillment as stored; {@code pickupLocationId} and {@code compartment} are set once it is ready. */
    public record StoredFulfillment(
            String id,
            String locationId,
            FulfillmentStatus status,
            List<OrderApi.LineView> lines,
            String pickupLocationId,
            String compartment) {}

    /** The order, its fulfillments and their lines in one statement. */
    private static final String INSERT_PLACED = "with o as (insert into orders"
            + " (id, status, method, pickup_location_id, destination, shipping_address, hold_id, created_at, promise)"
            + " values ($1, " + OrderStatus.PLACED.sql()
            + ", $2, $3, $4::text::jsonb, $5::text::jsonb, $6, $7, $14::text::jsonb)),"
            + " f as (insert into fulfillment (id, order_id, location_id, method, status, created_at)"
            + " select fid, $1, lid, $2, " + FulfillmentStatus.ASSIGNED.sql()
            + ", $7 from unnest($8::text[], $9::text[])"
            + "   with ordinality as x(fid, lid, n) order by n)"
            + " insert into fulfillment_line (fulfillment_id, sku, mode, qty)"
            + " select fid, sku, mode, qty from unnest($10::text[], $11::text[], $12::text[], $13::int[])"
            + "   as t(fid, sku, mode, qty)";

    /** Ship-to-store: the order's fulfillments, prepared at the feeder, become ready at the pickup store. */
    private static final String MARK_TRANSFER =
            "update fulfillment set transfer_to_location_id = $2 where order_id = $1";

    private static final String MARK_CANCELLED =
            "update orders set status = " + OrderStatus.CANCELLED.sql() + ", updated_at = now() where id = $1";

    private static final String SET_SHIPPING_ADDRESS =
            "update orders set shipping_address = $2::text::jsonb, updated_at = now() where id = $1";

    private static final String SET_PICKUP_LOCATION =
            "update orders set pickup_location_id = $2, updated_at = now() where id = $1";

    private static final String INSERT_FULFILLMENTS = "with f as (insert into fulfillment"
            + " (id, order_id, location_id, method, status, created_at)"
            + " select fid, $1, lid, $2, " + FulfillmentStatus.ASSIGNED.sql()
            + ", $3 from unnest($4::text[], $5::text[]) with ordinality"
            + "   as x(fid, lid, n) order by n returning 1)"
            + " insert into fulfillment_line (fulfillment_id, sku, mode, qty)"
            + " select * from unnest($6::text[], $7::text[], $8::text[], $9::int[])";

    private static final String VIEW = "select o.id, o.status, o.method, o.pickup_location_id,"
            + " o.destination::text as destination, o.shipping_address::text as shipping_address, o.hold_id,"
            + " o.created_at,"
            + " coalesce((select json_agg(json_build_object('id', f.id, 'locationId', f.location_id,"
            + "   'method', f.method, 'status', f.status, 'reason', f.reason,"
            + "   'pickupLocationId', f.pickup_location_id, 'compartment', f.compartment, 'readyAt', f.ready_at,"
            + "   'lines', coalesce((select json_agg(json_build_object('sku', fl.sku, 'qty', fl.qty, 'mode', fl.mode)"
            + "     order by fl.sku, fl.mode) from fulfillment_line fl where fl.fulfillment_id = f.id), '[]'::json))"
            + "   order by f.created_at, f.id) from fulfillment f where f.order_id = o.id), '[]'::json)::text"
            + "   as fulfillments"
            + " from orders o where o.id = $1";

    private final Pool pool;
    private final ObjectMapper json;

    OrderRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Runs {@code work} in one transaction; a deadlock or serialization failure reruns it (at most 3 times). */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> pool.withTransaction(work))
                .onFailure(OrderRepository::retryable)
                .retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(50))
                .atMost(3);
    }

    /** A deadlock or serialization failure: the transaction may simply run again. */
    public static boolean retryable(Throwable failure) {
        return failure instanceof PgException
                && ("40P01".equals(((PgException) failure).getSqlState())
                        || "40001".equals(((PgException) failure).getSqlState()));
    }

    public Pool pool() {
        return pool;
    }

    /** Writes a new order with its fulfillments and lines, all in one statement. */
    public Uni<Void> insertPlaced(
            SqlConnection conn,
            String orderId,
            OrderApi.PlaceOrderRequest request,
            String pickupLocationId,
            List<NewFulfillment> fulfillments,
            OffsetDateTime at) {
        Lines lines = Lines.of(fulfillments);
        return conn.preparedQuery(INSERT_PLACED)
                .execute(Tuple.from(Arrays.asList(
                        orderId,
                        request.method().name(),
                        pickupLocationId,
                        request.destination() == null ? null : encode(request.destination()),
                        request.shippingAddress() == null ? null : encode(request.shippingAddress()),
                        request.holdId(),
                        at,
                        fulfillments.stream().map(NewFulfillment::id).toArray(String[]::new),
                        fulfillments.stream().map(NewFulfillment::locationId).toArray(String[]::new),
                        lines.fulfillment(),
                        lines.sku(),
                        lines.mode(),
                        lines.qty(),
                        request.promise() == null ? null : encode(request.promise()))))
                .replaceWithVoid();
    }

    /** The lines of new fulfillments as the columns of {@code fulfillment_line}. */
    record Lines(String[] fulfillment, String[] sku, String[] mode, Integer[] qty) {
        static Lines of(List<NewFulfillment> fulfillments) {
            List<String> lineFulfillment = new ArrayList<>();
            List<String> lineSku = new ArrayList<>();
            List<String> lineMode = new ArrayList<>();
            List<Integer> lineQty = new ArrayList<>();
            for (NewFulfillment f : fulfillments) {
                for (OrderApi.Line line : f.lines()) {
                    lineFulfillment.add(f.id());
                    lineSku.add(line.sku());
                    lineMode.add(line.modeOrStock().name());
                    lineQty.add(line.qty());
                }
            }
            return new Lines(
                    lineFulfillment.toArray(String[]::new),
                    lineSku.toArray(String[]::new),
                    lineMode.toArray(String[]::new),
                    lineQty.toArray(Integer[]::new));
        }
    }

    public Uni<Void> markTransfer(SqlConnection conn, String orderId, String pickupLocationId) {
        return conn.preparedQuery(MARK_TRANSFER)
                .execute(Tuple.of(orderId, pickupLocationId))
                .replaceWithVoid();
    }

    public Uni<Void> markCancelled(SqlConnection conn, String orderId) {
        return conn.preparedQuery(MARK_CANCELLED).execute(Tuple.of(orderId)).replaceWithVoid();
    }

    public Uni<Void> setShippingAddress(SqlConnection conn, String orderId, OrderApi.Address address) {
        return conn.preparedQuery(SET_SHIPPING_ADDRESS)
                .execute(Tuple.of(orderId, encode(address)))
                .replaceWithVoid();
    }

    public Uni<Void> setPickupLocation(SqlConnection conn, String orderId, String pickupLocationId) {
        return conn.preparedQuery(SET_PICKUP_LOCATION)
                .execute(Tuple.of(orderId, pickupLocationId))
                .replaceWithVoid();
    }

    public Uni<Void> insertFulfillments(
            SqlConnection conn,
            String orderId,
            OrderApi.Method method,
            List<NewFulfillment> fulfillments,
            OffsetDateTime at) {
        Lines lines = Lines.of(fulfillments);
        return conn.preparedQuery(INSERT_FULFILLMENTS)
                .execute(Tuple.from(Arrays.asList(
                        orderId,
                        method.name(),
                        at,
                        fulfillments.stream().map(NewFulfillment::id).toArray(String[]::new),
                        fulfillments.stream().map(NewFulfillment::locationId).toArray(String[]::new),
                        lines.fulfillment(),
                        lines.sku(),
                        lines.mode(),
                        lines.qty())))
                .replaceWithVoid();
    }

    /** Locks the order row (serialising every change to one order) and returns its status and method; 404 if absent. */
    private Uni<Row> lockOrder(SqlConnection conn, String orderId) {
        return conn.preparedQuery("select id, status, method, pickup_location_id, destination::text as destination"
                        + " from orders where id = $1 for update")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Order", orderId);
                    }
                    return rows.iterator().next();
                });
    }

    /**
     * An order whose row this transaction has locked, for the operations on it (cancel, change,
     * arrival, the store workflow); {@code destination} is its JSON, null for pickups.
     */
    public record LockedOrder(
            String id, OrderStatus status, OrderApi.Method method, String pickupLocationId, String destination) {}

    /** {@link #lockOrder} as a {@link LockedOrder}. */
    public Uni<LockedOrder> lock(SqlConnection conn, String orderId) {
        return lockOrder(conn, orderId)
                .map(row -> new LockedOrder(
                        row.getString("id"),
                        OrderStatus.valueOf(row.getString("status")),
                        OrderApi.Method.valueOf(row.getString("method")),
                        row.getString("pickup_location_id"),
                        row.getString("destination")));
    }

    public Uni<List<StoredFulfillment>> fulfillments(SqlConnection conn, String orderId) {
        return conn.preparedQuery("select f.id, f.location_id, f.status, f.pickup_location_id, f.compartment,"
                        + " coalesce(json_agg(json_build_object('sku', fl.sku, 'qty', fl.qty, 'mode', fl.mode)"
                        + "   order by fl.sku, fl.mode) filter (where fl.sku is not null), '[]'::json)::text as lines"
                        + " from fulfillment f left join fulfillment_line fl on fl.fulfillment_id = f.id"
                        + " where f.order_id = $1 group by f.id order by f.created_at, f.id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<StoredFulfillment> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new StoredFulfillment(
                                row.getString("id"),
                                row.getString("location_id"),
                                FulfillmentStatus.valueOf(row.getString("status")),
                                decode(row.getString("lines"), new TypeReference<List<OrderApi.LineView>>() {}),
                                row.getString("pickup_location_id"),
                                row.getString("compartment")));
                    }
                    return list;
                });
    }

    /** Moves fulfillments to {@code status}; one that leaves READY_FOR_PICKUP frees its locker compartment. */
    public Uni<Void> setFulfillmentStatus(
            SqlConnection conn, List<String> ids, FulfillmentStatus status, String reason) {
        return conn.preparedQuery("with f as (update fulfillment set status = $2, reason = coalesce($3, reason),"
                        + "   updated_at = now() where id = any($1) returning id)"
                        + " update compartment_assignment set freed_at = now()"
                        + " where fulfillment_id in (select id from f) and freed_at is null"
                        + " and $2 <> " + FulfillmentStatus.READY_FOR_PICKUP.sql())
                .execute(Tuple.of(ids.toArray(String[]::new), status.name(), reason))
                .replaceWithVoid();
    }

    /**
     * Derives the order's status from its fulfillments (the caller holds the order's lock) and
     * stores it; returns the {@code order.status} event when it changed, else nothing.
     */
    public Uni<List<OrderEvents.Event>> refreshStatus(SqlConnection conn, String orderId) {
        return conn.preparedQuery("select o.status,"
                        + " array(select f.status from fulfillment f where f.order_id = o.id) as statuses"
                        + " from orders o where o.id = $1")
                .execute(Tuple.of(orderId))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    OrderStatus previous = OrderStatus.valueOf(row.getString("status"));
                    OrderStatus derived = OrderStatus.derive(Arrays.stream(row.getArrayOfStrings("statuses"))
                            .map(FulfillmentStatus::valueOf)
                            .toList());
                    if (derived == previous) {
                        return Uni.createFrom().item(List.<OrderEvents.Event>of());
                    }
                    return conn.preparedQuery("update orders set status = $2, updated_at = now() where id = $1")
                            .execute(Tuple.of(orderId, derived.name()))
                            .map(done -> List.of(new OrderEvents.Event(
                                    OrderEvents.ORDER_STATUS,
                                    orderId,
                                    null,
                                    null,
                                    derived.name(),
                                    previous.name(),
                                    Map.of())));
                });
    }

    public Uni<OrderApi.OrderView> view(SqlConnection conn, String orderId) {
        return conn.preparedQuery(VIEW).execute(Tuple.of(orderId)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("Order", orderId);
            }
            Row row = rows.iterator().next();
            return new OrderApi.OrderView(
                    row.getString("id"),
                    row.getString("status"),
                    OrderApi.Method.valueOf(row.getString("method")),
                    row.getString("pickup_location_id"),
                    row.getString("destination") == null
                            ? null
                            : decode(row.getString("destination"), new TypeReference<OrderApi.Destination>() {}),
                    row.getString("shipping_address") == null
                            ? null
                            : decode(row.getString("shipping_address"), new TypeReference<OrderApi.Address>() {}),
                    row.getString("hold_id"),
                    row.getOffsetDateTime("created_at").toInstant(),
                    decode(row.getString("fulfillments"), new TypeReference<List<OrderApi.FulfillmentView>>() {}),
                    null);
        });
    }

    /**
     * The latest sealed pickup code of each of the order's fulfillments, from its READY_FOR_PICKUP
     * event in {@code order_history}, which is never pruned (the outbox is, after the retention).
     */
    public Uni<Map<String, String>> sealedPickupCodes(String orderId, String sealedField) {
        return pool.preparedQuery("select distinct on (fulfillment_id) fulfillment_id, detail ->> $2 as sealed"
                        + " from order_history where order_id = $1 and type = $3 and status = "
                        + FulfillmentStatus.READY_FOR_PICKUP.sql()
                        + " order by fulfillment_id, id desc")
                .execute(Tuple.of(orderId, sealedField, OrderEvents.FULFILLMENT_STATUS))
                .map(rows -> {
                    Map<String, String> byFulfillment = new java.util.HashMap<>();
                    rows.forEach(r -> byFulfillment.put(r.getString("fulfillment_id"), r.getString("sealed")));
                    return byFulfillment;
                });
    }

    public Uni<OrderApi.OrderView> view(String orderId) {
        return pool.withConnection(conn -> view(conn, orderId));
    }

    public String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T decode(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
