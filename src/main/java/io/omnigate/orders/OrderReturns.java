package io.omnigate.orders;

import io.omnigate.inventory.StockRepository;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Returns as records: a customer's request moves no stock; the receiving location (its store
 * device, or an admin) records the receipt once, with the units that go back on the shelf. An
 * in-store return recorded by the store's own device is received at once.
 */
@ApplicationScoped
public class OrderReturns {

    /** Who records a return: {@code receivingLocation} is set for a store device, null for others. */
    public record Caller(boolean admin, String receivingLocation) {}

    static final String RETURN_REQUESTED = "order.return.requested";
    static final String RETURN_RECEIVED = "order.return.received";

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
    private static final String LINES = "select sku, sum(qty)::int as qty, bool_and(restocked) as restockable,"
            + " sum(restock_qty)::int as restocked from order_return where return_id = $1 group by sku order by sku";
    private static final String SET_RESTOCKED = "update order_return r set restock_qty = least(r.qty, t.n)"
            + " from (select sku, n from unnest($2::text[], $3::int[]) as u(sku, n)) t"
            + " where r.return_id = $1 and r.sku = t.sku";
    private static final String RECEIVED = "update return_record set status = $2, received_at = now()"
            + " where id = $1 and status = " + ReturnStatus.REQUESTED.sql();

    private final Pool pool;
    private final NetworkIndex network;
    private final OrderEvents events;
    private final StockRepository stock;

    OrderReturns(Pool pool, NetworkIndex network, OrderEvents events, StockRepository stock) {
        this.pool = pool;
        this.network = network;
        this.events = events;
        this.stock = stock;
    }

    /**
     * Records a return of handed-over items; a store device's in-store return at its own location
     * is received at once with the lines the customer declared restockable.
     */
    public Uni<ReturnsApi.ReturnView> request(String orderId, OrderApi.ReturnRequest request, Caller caller) {
        Location at = receivingLocation(request);
        boolean receivedAtOnce = caller.receivingLocation() != null;
        if (receivedAtOnce
                && (!at.id().equals(caller.receivingLocation())
                        || request.method() != OrderApi.ReturnMethod.IN_STORE)) {
            throw new ProblemException(
                    403, "forbidden", "Forbidden", "A store device records in-store returns at its own location only.");
        }
        for (int i = 1; i < request.lines().size(); i++) {
            String sku = request.lines().get(i).sku();
            if (request.lines().subList(0, i).stream().anyMatch(l -> l.sku().equals(sku))) {
                throw ProblemException.invalid("lines[" + i + "].sku", "names a SKU already listed");
            }
        }
        String returnId = "R-" + UUID.randomUUID();
        return pool.withTransaction(conn -> conn.preparedQuery("select 1 from orders where id = $1 for update")
                .execute(Tuple.of(orderId))
                .chain(order -> {
                    if (order.size() == 0) {
                        throw ProblemException.notFound("Order", orderId);
                    }
                    return conn.preparedQuery(RETURNABLE).execute(Tuple.of(orderId));
                })
                .chain(rows -> insert(conn, returnId, orderId, request, at, rows))
                .chain(() -> receivedAtOnce
                        ? receiveLocked(conn, returnId, declared(request))
                        : Uni.createFrom().voidItem())
                .chain(() -> read(conn, returnId)));
    }

    /** Records the receipt, once: a second receipt is a 409 and changes nothing. */
    public Uni<ReturnsApi.ReturnView> receive(String returnId, ReturnsApi.ReceiptRequest receipt, Caller caller) {
        Map<String, Integer> restock = new LinkedHashMap<>();
        for (int i = 0; i < receipt.lines().size(); i++) {
            ReturnsApi.ReceiptLine line = receipt.lines().get(i);
            if (restock.putIfAbsent(line.sku(), line.restock()) != null) {
                throw ProblemException.invalid("lines[" + i + "].sku", "names a SKU already listed");
            }
        }
        return pool.withTransaction(conn -> lockRecord(conn, returnId, caller)
                .chain(() -> receiveLocked(conn, returnId, restock))
                .chain(() -> read(conn, returnId)));
    }

    /** The return, for an admin, the receiving location's devices or the order's own token. */
    public Uni<ReturnsApi.ReturnView> get(String returnId) {
        return pool.withConnection(conn -> read(conn, returnId));
    }

    private Location receivingLocation(OrderApi.ReturnRequest request) {
        Location at = network.get(request.locationId())
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-reference",
                        "Unknown location",
                        "Location '" + request.locationId() + "' does not exist."));
        boolean accepts = request.method() == OrderApi.ReturnMethod.LOCKER
                ? at.type() == LocationType.LOCKER || at.has(Capability.LOCKER)
                : at.has(Capability.RETURNS);
        if (!accepts) {
            throw ProblemException.unprocessable(
                    "capability-missing",
                    "Location does not take returns",
                    "Location '" + at.id() + "' cannot receive a " + request.method() + " return.");
        }
        return at;
    }

    /** Lockers hand returns to their parent store: that is where the units go back on the shelf. */
    private Location restockLocation(Location at) {
        if (at.type() == LocationType.LOCKER && at.parentLocationId() != null) {
            return network.get(at.parentLocationId()).orElse(at);
        }
        return at;
    }

    private Uni<Void> insert(
            SqlConnection conn,
            String returnId,
            String orderId,
            OrderApi.ReturnRequest request,
            Location at,
            Iterable<Row> returnableRows) {
        Map<String, Integer> returnable = new HashMap<>();
        returnableRows.forEach(r -> returnable.put(r.getString("sku"), r.getInteger("returnable")));
        request.lines().forEach(line -> {
            if (returnable.getOrDefault(line.sku(), 0) < line.qty()) {
                throw ProblemException.conflict(
                        "not-returnable",
                        "Nothing to return",
                        "Order " + orderId + " has no " + line.qty() + " x " + line.sku()
                                + " handed over and not yet returned.");
            }
        });
        List<OrderApi.ReturnLine> lines = request.lines();
        String[] skus = lines.stream().map(OrderApi.ReturnLine::sku).toArray(String[]::new);
        Integer[] qty = lines.stream().map(OrderApi.ReturnLine::qty).toArray(Integer[]::new);
        Boolean[] restockable =
                lines.stream().map(l -> !Boolean.FALSE.equals(l.restockable())).toArray(Boolean[]::new);
        String method = request.method().name();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("returnId", returnId);
        payload.put("method", method);
        payload.put("lines", lines);
        return conn.preparedQuery(INSERT_RECORD)
                .execute(Tuple.of(
                        returnId, orderId, method, at.id(), restockLocation(at).id()))
                .chain(() -> conn.preparedQuery(INSERT_LINES)
                        .execute(Tuple.from(Arrays.asList(returnId, orderId, method, at.id(), skus, qty, restockable))))
                .chain(() -> events.write(
                        conn,
                        List.of(new OrderEvents.Event(
                                RETURN_REQUESTED,
                                orderId,
                                null,
                                at.id(),
                                ReturnStatus.REQUESTED.name(),
                                null,
                                payload))));
    }

    private static Map<String, Integer> declared(OrderApi.ReturnRequest request) {
        Map<String, Integer> restock = new LinkedHashMap<>();
        request.lines().stream()
                .filter(l -> !Boolean.FALSE.equals(l.restockable()))
                .forEach(l -> restock.put(l.sku(), l.qty()));
        return restock;
    }

    private Uni<Void> lockRecord(SqlConnection conn, String returnId, Caller caller) {
        return conn.preparedQuery(LOCK_RECORD).execute(Tuple.of(returnId)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("Return", returnId);
            }
            Row record = rows.iterator().next();
            // A locker's returns are received by the store that empties it, where they are restocked.
            if (!caller.admin()
                    && !record.getString("location_id").equals(caller.receivingLocation())
                    && !record.getString("restock_location_id").equals(caller.receivingLocation())) {
                throw ProblemException.forbidden();
            }
            if (ReturnStatus.valueOf(record.getString("status")).isReceived()) {
                throw ProblemException.conflict(
                        "return-already-received",
                        "Return already received",
                        "Return " + returnId + " was received at " + record.getOffsetDateTime("received_at")
                                + "; a receipt is recorded once.");
            }
            return null;
        });
    }

    /** Puts the restocked units back and closes the record; the caller holds the record's row lock. */
    private Uni<Void> receiveLocked(SqlConnection conn, String returnId, Map<String, Integer> restock) {
        return conn.preparedQuery(LINES).execute(Tuple.of(returnId)).chain(rows -> {
            Map<String, Integer> returned = new LinkedHashMap<>();
            rows.forEach(r -> returned.put(r.getString("sku"), r.getInteger("qty")));
            List<String> skus = new ArrayList<>();
            List<Integer> units = new ArrayList<>();
            List<Map<String, Object>> lines = new ArrayList<>();
            restock.forEach((sku, n) -> {
                Integer qty = returned.get(sku);
                if (qty == null || n > qty) {
                    throw ProblemException.unprocessable(
                            "not-in-return",
                            "Not in this return",
                            "Return " + returnId + " holds " + (qty == null ? 0 : qty) + " x " + sku
                                    + "; the receipt restocks " + n + ".");
                }
            });
            returned.forEach((sku, qty) -> {
                int n = restock.getOrDefault(sku, 0);
                skus.add(sku);
                units.add(n);
                lines.add(Map.of("sku", sku, "qty", qty, "restocked", n));
            });
            int total = units.stream().mapToInt(Integer::intValue).sum();
            ReturnStatus status = ReturnStatus.afterReceipt(total);
            return conn.preparedQuery(
                            "select order_id, location_id, restock_location_id from return_record" + " where id = $1")
                    .execute(Tuple.of(returnId))
                    .map(r -> r.iterator().next())
                    .chain(record -> apply(conn, returnId, record, skus, units, status, lines));
        });
    }

    private Uni<Void> apply(
            SqlConnection conn,
            String returnId,
            Row record,
            List<String> skus,
            List<Integer> units,
            ReturnStatus status,
            List<Map<String, Object>> lines) {
        String[] skuArray = skus.toArray(String[]::new);
        Integer[] unitArray = units.toArray(Integer[]::new);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("returnId", returnId);
        payload.put("lines", lines);
        return conn.preparedQuery(SET_RESTOCKED)
                .execute(Tuple.of(returnId, skuArray, unitArray))
                .chain(() -> stock.restock(conn, record.getString("restock_location_id"), skuArray, unitArray))
                .chain(() -> conn.preparedQuery(RECEIVED).execute(Tuple.of(returnId, status.name())))
                .chain(() -> events.write(
                        conn,
                        List.of(new OrderEvents.Event(
                                RETURN_RECEIVED,
                                record.getString("order_id"),
                                null,
                                record.getString("location_id"),
                                status.name(),
                                ReturnStatus.REQUESTED.name(),
                                payload))));
    }

    private Uni<ReturnsApi.ReturnView> read(SqlConnection conn, String returnId) {
        return conn.preparedQuery("select * from return_record where id = $1")
                .execute(Tuple.of(returnId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Return", returnId);
                    }
                    Row record = rows.iterator().next();
                    return conn.preparedQuery(LINES).execute(Tuple.of(returnId)).map(lines -> view(record, lines));
                });
    }

    private static ReturnsApi.ReturnView view(Row record, Iterable<Row> lineRows) {
        List<ReturnsApi.ReturnLineView> lines = new ArrayList<>();
        lineRows.forEach(r -> lines.add(new ReturnsApi.ReturnLineView(
                r.getString("sku"), r.getInteger("qty"), r.getBoolean("restockable"), r.getInteger("restocked"))));
        return new ReturnsApi.ReturnView(
                record.getString("id"),
                record.getString("order_id"),
                OrderApi.ReturnMethod.valueOf(record.getString("method")),
                record.getString("location_id"),
                record.getString("restock_location_id"),
                ReturnStatus.valueOf(record.getString("status")),
                lines,
                record.getOffsetDateTime("requested_at").toInstant(),
                record.getOffsetDateTime("received_at") == null
                        ? null
                        : record.getOffsetDateTime("received_at").toInstant());
    }
}
