package io.omnigate.orders;

import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads orders and takes goods back; placement, cancellation and changes have their own classes
 * ({@link OrderPlacement}, {@link OrderCancellation}, {@link OrderChange}).
 */
@ApplicationScoped
public class OrderService {

    private final OrderRepository orders;
    private final Sourcing sourcing;
    private final OrderEvents events;
    private final NetworkIndex network;

    OrderService(OrderRepository orders, Sourcing sourcing, OrderEvents events, NetworkIndex network) {
        this.orders = orders;
        this.sourcing = sourcing;
        this.events = events;
        this.network = network;
    }

    public static OrderEvents.Event assigned(
            String orderId, OrderRepository.NewFulfillment f, OrderApi.Method method, String from) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", method);
        payload.put("lines", lineViews(f.lines()));
        if (from != null) {
            payload.put("reroutedFrom", from);
        }
        return new OrderEvents.Event(
                OrderEvents.FULFILLMENT_ASSIGNED, orderId, f.id(), f.locationId(), "ASSIGNED", null, payload);
    }

    public static List<OrderApi.LineView> lineViews(List<OrderApi.Line> lines) {
        return lines.stream()
                .map(l -> new OrderApi.LineView(l.sku(), l.qty(), l.modeOrStock()))
                .toList();
    }

    static Set<String> uncovered(List<OrderApi.Line> wanted, List<Sourcing.Allocation> allocations) {
        Map<String, Integer> covered = new HashMap<>();
        allocations.forEach(a -> a.lines().forEach(l -> covered.merge(l.sku(), l.qty(), Integer::sum)));
        Set<String> missing = new TreeSet<>();
        for (OrderApi.Line line : wanted) {
            if (covered.getOrDefault(line.sku(), 0) < line.qty()) {
                missing.add(line.sku());
            }
        }
        return missing.isEmpty() ? skus(wanted) : missing;
    }

    static Set<String> skus(List<OrderApi.Line> lines) {
        Set<String> skus = new TreeSet<>();
        lines.forEach(l -> skus.add(l.sku()));
        return skus;
    }

    // ---------------------------------------------------------------- reading

    public Uni<OrderApi.OrderView> get(String orderId) {
        return orders.view(orderId);
    }

    /**
     * The order as its customer sees it: each parcel waiting for pickup with its code, unsealed
     * from the READY_FOR_PICKUP event (the code is stored nowhere in plaintext).
     */
    public Uni<OrderApi.OrderView> getWithPickupCodes(
            String orderId, String sealedField, Function<String, Optional<String>> unseal) {
        return orders.view(orderId).chain(view -> {
            if (view.fulfillments().stream().noneMatch(f -> "READY_FOR_PICKUP".equals(f.status()))) {
                return Uni.createFrom().item(view);
            }
            return orders.sealedPickupCodes(orderId, sealedField)
                    .map(sealedCodes -> view.withFulfillments(view.fulfillments().stream()
                            .map(f -> "READY_FOR_PICKUP".equals(f.status())
                                    ? f.withPickupCode(unseal.apply(sealedCodes.get(f.id()))
                                            .orElse(null))
                                    : f)
                            .toList()));
        });
    }

    // ---------------------------------------------------------------- returns

    public Uni<OrderApi.ReturnView> returnItems(String orderId, OrderApi.ReturnRequest request) {
        Location at = network.get(request.locationId())
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-reference",
                        "Unknown location",
                        "Location '" + request.locationId() + "' does not exist."));
        boolean accepts;
        switch (request.method()) {
            case LOCKER:
                accepts = at.type() == LocationType.LOCKER || at.has(Capability.LOCKER);
                break;
            default:
                accepts = at.has(Capability.RETURNS);
        }
        if (!accepts) {
            throw ProblemException.unprocessable(
                    "capability-missing",
                    "Location does not take returns",
                    "Location '" + at.id() + "' cannot receive a " + request.method() + " return.");
        }
        Location restockAt = sourcing.stockLocation(at);
        Map<String, Integer> wanted = new LinkedHashMap<>();
        request.lines().forEach(l -> wanted.merge(l.sku(), l.qty(), Integer::sum));
        String returnId = "R-" + UUID.randomUUID();
        return orders.inTransaction(conn -> orders.lockOrder(conn, orderId)
                .chain(order -> conn.preparedQuery("select fl.sku, sum(fl.qty)::int"
                                + " - coalesce((select sum(r.qty) from order_return r where r.order_id = $1"
                                + "   and r.sku = fl.sku), 0)::int as returnable"
                                + " from fulfillment f join fulfillment_line fl on fl.fulfillment_id = f.id"
                                + " where f.order_id = $1 and f.status in ('PICKED_UP', 'SHIPPED', 'DELIVERED', 'RETURNED')"
                                + " group by fl.sku")
                        .execute(Tuple.of(orderId)))
                .chain(rows -> {
                    Map<String, Integer> returnable = new HashMap<>();
                    rows.forEach(r -> returnable.put(r.getString("sku"), r.getInteger("returnable")));
                    for (Map.Entry<String, Integer> line : wanted.entrySet()) {
                        if (returnable.getOrDefault(line.getKey(), 0) < line.getValue()) {
                            throw ProblemException.conflict(
                                    "not-returnable",
                                    "Nothing to return",
                                    "Order " + orderId + " has no " + line.getValue() + " x " + line.getKey()
                                            + " handed over and not yet returned.");
                        }
                    }
                    List<OrderApi.ReturnLine> lines = request.lines();
                    List<String> skus = new ArrayList<>();
                    List<Integer> qty = new ArrayList<>();
                    List<Boolean> restock = new ArrayList<>();
                    for (OrderApi.ReturnLine line : lines) {
                        skus.add(line.sku());
                        qty.add(line.qty());
                        restock.add(!Boolean.FALSE.equals(line.restockable()));
                    }
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("returnId", returnId);
                    payload.put("method", request.method());
                    payload.put("lines", lines);
                    return conn.preparedQuery("insert into order_return"
                                    + " (return_id, order_id, method, location_id, sku, qty, restocked)"
                                    + " select $1, $2, $3, $4, * from unnest($5::text[], $6::int[], $7::bool[])")
                            .execute(Tuple.from(Arrays.asList(
                                    returnId,
                                    orderId,
                                    request.method().name(),
                                    at.id(),
                                    skus.toArray(String[]::new),
                                    qty.toArray(Integer[]::new),
                                    restock.toArray(Boolean[]::new))))
                            .chain(() -> conn.preparedQuery("insert into stock (location_id, sku, on_hand)"
                                            + " select $1, sku, sum(qty) from unnest($2::text[], $3::int[], $4::bool[])"
                                            + "   as t(sku, qty, ok) where ok group by sku order by sku"
                                            + " on conflict (location_id, sku) do update"
                                            + " set on_hand = stock.on_hand + excluded.on_hand, updated_at = now()")
                                    .execute(Tuple.of(
                                            restockAt.id(),
                                            skus.toArray(String[]::new),
                                            qty.toArray(Integer[]::new),
                                            restock.toArray(Boolean[]::new))))
                            .chain(() -> events.write(
                                    conn,
                                    List.of(new OrderEvents.Event(
                                            OrderEvents.ORDER_RETURNED,
                                            orderId,
                                            null,
                                            at.id(),
                                            "RETURNED",
                                            null,
                                            payload))))
                            .map(done -> new OrderApi.ReturnView(returnId, orderId, request.method(), at.id(), lines));
                }));
    }
}
