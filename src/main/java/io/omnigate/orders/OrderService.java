package io.omnigate.orders;

import io.omnigate.customers.CustomerContacts;
import io.omnigate.network.Location;
import io.omnigate.network.Nearby;
import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.TokenService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/** Places orders exactly once per idempotency key, and cancels, changes and takes back what was placed. */
@ApplicationScoped
public class OrderService {

    /** What POST /v1/orders answers; {@code replayed} when the key had already placed the order. */
    public record Placement(OrderApi.OrderView order, boolean replayed) {}

    /** A guarded update found the planned stock gone: plan once more on fresh ATP. */
    static final class Replan extends RuntimeException {
        Replan() {
            super(null, null, false, false);
        }
    }

    private final OrderRepository orders;
    private final Reservations reservations;
    private final Sourcing sourcing;
    private final OrderEvents events;
    private final HoldService holds;
    private final NetworkIndex network;
    private final TokenService tokens;
    private final OrdersConfig config;
    private final CustomerContacts customers;

    OrderService(
            OrderRepository orders,
            Reservations reservations,
            Sourcing sourcing,
            OrderEvents events,
            HoldService holds,
            NetworkIndex network,
            TokenService tokens,
            OrdersConfig config,
            CustomerContacts customers) {
        this.orders = orders;
        this.reservations = reservations;
        this.sourcing = sourcing;
        this.events = events;
        this.holds = holds;
        this.network = network;
        this.tokens = tokens;
        this.config = config;
        this.customers = customers;
    }

    // ---------------------------------------------------------------- placement

    public Uni<Placement> place(String idempotencyKey, OrderApi.PlaceOrderRequest request) {
        List<OrderApi.Line> lines = Sourcing.merge(request.lines());
        checkShape(request, lines);
        Location pickup =
                request.method().isPickup() ? sourcing.pickupPoint(request.method(), request.locationId()) : null;
        if (request.fulfilledFromLocationId() != null) {
            if (pickup == null) {
                throw ProblemException.invalid("fulfilledFromLocationId", "is only for methods PICKUP and CURBSIDE");
            }
            sourcing.transferFeeder(request.method(), pickup, request.fulfilledFromLocationId());
        }
        String hash = hash(orders.encode(request));
        return holds.expireDue()
                .chain(() -> attempt(idempotencyKey, hash, request, lines, pickup, true))
                .onFailure(Replan.class)
                .recoverWithUni(() -> attempt(idempotencyKey, hash, request, lines, pickup, false));
    }

    private void checkShape(OrderApi.PlaceOrderRequest request, List<OrderApi.Line> lines) {
        if (!request.method().isPickup() && request.destination() == null) {
            throw ProblemException.invalid("destination", "is required for method " + request.method());
        }
        for (OrderApi.Line line : lines) {
            if (line.mode() == OrderApi.LineMode.BACKORDER && !Boolean.TRUE.equals(request.allowBackorder())) {
                throw ProblemException.invalid("allowBackorder", "must be true when a line is marked BACKORDER");
            }
            if (line.mode() == OrderApi.LineMode.PREORDER && !Boolean.TRUE.equals(request.allowPreorder())) {
                throw ProblemException.invalid("allowPreorder", "must be true when a line is marked PREORDER");
            }
        }
    }

    private Uni<Placement> attempt(
            String key,
            String hash,
            OrderApi.PlaceOrderRequest request,
            List<OrderApi.Line> lines,
            Location pickup,
            boolean mayReplan) {
        return orders.inTransaction(conn -> claimKey(conn, key, hash)
                .chain(replay -> replay != null
                        ? Uni.createFrom().item(new Placement(replay, true))
                        : placeNew(conn, key, request, lines, pickup, mayReplan)
                                .map(view -> new Placement(view, false))));
    }

    /** Null when this transaction now owns the key; the stored response when an earlier request placed it. */
    private Uni<OrderApi.OrderView> claimKey(SqlConnection conn, String key, String hash) {
        return conn.preparedQuery("insert into idempotency_key (key, request_hash) values ($1, $2)"
                        + " on conflict (key) do nothing returning key")
                .execute(Tuple.of(key, hash))
                .chain(inserted -> {
                    if (inserted.size() > 0) {
                        return Uni.createFrom().nullItem();
                    }
                    return conn.preparedQuery("select request_hash, response::text as response from idempotency_key"
                                    + " where key = $1")
                            .execute(Tuple.of(key))
                            .map(rows -> {
                                Row row = rows.iterator().next();
                                if (!hash.equals(row.getString("request_hash"))) {
                                    throw ProblemException.unprocessable(
                                            "idempotency-key-reused",
                                            "Idempotency key reused",
                                            "This Idempotency-Key was used with a different request body.");
                                }
                                return orders.decode(
                                        row.getString("response"),
                                        new com.fasterxml.jackson.core.type.TypeReference<OrderApi.OrderView>() {});
                            });
                });
    }

    private Uni<OrderApi.OrderView> placeNew(
            SqlConnection conn,
            String key,
            OrderApi.PlaceOrderRequest request,
            List<OrderApi.Line> lines,
            Location pickup,
            boolean mayReplan) {
        String orderId = "O-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return requireKnownSkus(conn, lines)
                .chain(() -> holds.consumeForOrder(conn, request.holdId(), orderId))
                .chain(() -> allocate(conn, request, lines, pickup))
                .chain(allocations -> {
                    List<OrderRepository.NewFulfillment> fulfillments = new ArrayList<>();
                    List<Reservations.Claim> claims = new ArrayList<>();
                    for (Sourcing.Allocation allocation : allocations) {
                        String fid = "F-" + UUID.randomUUID();
                        fulfillments.add(new OrderRepository.NewFulfillment(
                                fid, allocation.location().id(), allocation.lines()));
                        for (OrderApi.Line line : allocation.lines()) {
                            claims.add(new Reservations.Claim(
                                    fid, allocation.location().id(), line.sku(), line.modeOrStock(), line.qty()));
                        }
                    }
                    OrderApi.OrderView view = new OrderApi.OrderView(
                            orderId,
                            "PLACED",
                            request.method(),
                            pickup == null ? null : pickup.id(),
                            request.destination(),
                            request.shippingAddress(),
                            request.holdId(),
                            now.toInstant(),
                            fulfillments.stream()
                                    .map(f -> new OrderApi.FulfillmentView(
                                            f.id(),
                                            f.locationId(),
                                            request.method(),
                                            "ASSIGNED",
                                            null,
                                            lineViews(f.lines())))
                                    .toList(),
                            tokens.mintOrderToken(orderId, config.orderTokenTtl()));
                    List<OrderEvents.Event> placed = new ArrayList<>();
                    placed.add(new OrderEvents.Event(
                            OrderEvents.ORDER_STATUS,
                            orderId,
                            null,
                            null,
                            "PLACED",
                            null,
                            Map.of("method", request.method())));
                    for (OrderRepository.NewFulfillment f : fulfillments) {
                        placed.add(assigned(orderId, f, request.method(), null));
                    }
                    // The stock rows are locked last, so a hot SKU's row is held only for the guarded update and
                    // commit.
                    return orders.insertOrder(conn, orderId, request, view.pickupLocationId(), now)
                            .chain(() -> orders.insertFulfillments(conn, orderId, request.method(), fulfillments, now))
                            .call(() -> markTransfer(conn, orderId, request, pickup))
                            .chain(() -> events.write(conn, placed))
                            .chain(() -> customers.attach(conn, customerContext(orderId, request), request.customer()))
                            .map(view::withCustomer)
                            .chain(answer -> reserveAndAnswer(conn, key, answer, request, lines, claims, mayReplan));
                });
    }

    private static CustomerContacts.OrderContext customerContext(String orderId, OrderApi.PlaceOrderRequest request) {
        return new CustomerContacts.OrderContext(
                orderId,
                !request.method().isPickup(),
                request.method() == OrderApi.Method.LOCKER,
                request.channel(),
                request.carrier());
    }

    private Uni<OrderApi.OrderView> reserveAndAnswer(
            SqlConnection conn,
            String key,
            OrderApi.OrderView view,
            OrderApi.PlaceOrderRequest request,
            List<OrderApi.Line> lines,
            List<Reservations.Claim> claims,
            boolean mayReplan) {
        String orderId = view.id();
        List<String> locations = view.fulfillments().stream()
                .map(OrderApi.FulfillmentView::locationId)
                .toList();
        return conn.preparedQuery("update idempotency_key set status = 201,"
                        + " response = $2::text::jsonb, order_id = $3 where key = $1")
                .execute(Tuple.of(key, orders.encode(view), orderId))
                .chain(() -> reservations.reserve(conn, Reservations.Owner.order(orderId), claims))
                .call(shortages -> shortages.isEmpty()
                        ? reservations.addLoad(conn, locations)
                        : Uni.createFrom().voidItem())
                .map(shortages -> {
                    if (shortages.isEmpty()) {
                        return view;
                    }
                    if (mayReplan && !request.method().isPickup()) {
                        throw new Replan();
                    }
                    Set<String> skus = new TreeSet<>();
                    shortages.forEach(s -> skus.add(s.sku()));
                    throw Sourcing.insufficientStock(lines, skus);
                });
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

    /** Ship-to-store: the order's fulfillment, prepared at the feeder, becomes ready at the pickup store. */
    private static Uni<Void> markTransfer(
            SqlConnection conn, String orderId, OrderApi.PlaceOrderRequest request, Location pickup) {
        if (pickup == null
                || request.fulfilledFromLocationId() == null
                || request.fulfilledFromLocationId().equals(pickup.id())) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update fulfillment set transfer_to_location_id = $2 where order_id = $1")
                .execute(Tuple.of(orderId, pickup.id()))
                .replaceWithVoid();
    }

    private Uni<List<Sourcing.Allocation>> allocate(
            SqlConnection conn, OrderApi.PlaceOrderRequest request, List<OrderApi.Line> lines, Location pickup) {
        if (pickup != null) {
            Location stockAt = request.fulfilledFromLocationId() == null
                    ? sourcing.stockLocation(pickup)
                    : sourcing.transferFeeder(request.method(), pickup, request.fulfilledFromLocationId());
            return precheck(conn, stockAt, lines).map(ok -> List.of(new Sourcing.Allocation(stockAt, lines)));
        }
        List<OrderApi.Line> stockLines = lines.stream()
                .filter(l -> l.modeOrStock() == OrderApi.LineMode.STOCK)
                .toList();
        List<OrderApi.Line> otherLines = lines.stream()
                .filter(l -> l.modeOrStock() != OrderApi.LineMode.STOCK)
                .toList();
        List<Nearby> candidates = sourcing.shipCandidates(
                request.method(),
                request.destination().lat(),
                request.destination().lon(),
                Set.of());
        return sourcing.plan(conn, candidates, stockLines).map(plan -> {
            if (!plan.complete()) {
                throw Sourcing.insufficientStock(lines, uncovered(stockLines, Sourcing.allocations(plan)));
            }
            List<Sourcing.Allocation> allocations = new ArrayList<>(Sourcing.allocations(plan));
            if (!otherLines.isEmpty()) {
                if (allocations.isEmpty()) {
                    if (candidates.isEmpty()) {
                        throw Sourcing.insufficientStock(lines, skus(otherLines));
                    }
                    allocations.add(new Sourcing.Allocation(candidates.get(0).location(), otherLines));
                } else {
                    Sourcing.Allocation first = allocations.get(0);
                    List<OrderApi.Line> merged = new ArrayList<>(first.lines());
                    merged.addAll(otherLines);
                    allocations.set(0, new Sourcing.Allocation(first.location(), merged));
                }
            }
            return allocations;
        });
    }

    /**
     * A plain read of ATP that turns a sold-out SKU into a 409 without queueing for its row lock;
     * the guarded update stays the only authority on what is reserved.
     */
    private Uni<Void> precheck(SqlConnection conn, Location stockAt, List<OrderApi.Line> lines) {
        List<OrderApi.Line> stockLines = lines.stream()
                .filter(l -> l.modeOrStock() == OrderApi.LineMode.STOCK)
                .toList();
        if (stockLines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return reservations
                .atp(conn, List.of(stockAt.id()), List.copyOf(skus(stockLines)))
                .invoke(atp -> {
                    Map<String, Integer> here = atp.getOrDefault(stockAt.id(), Map.of());
                    Set<String> shortSkus = new TreeSet<>();
                    for (OrderApi.Line line : stockLines) {
                        if (here.getOrDefault(line.sku(), 0) < line.qty()) {
                            shortSkus.add(line.sku());
                        }
                    }
                    if (!shortSkus.isEmpty()) {
                        throw Sourcing.insufficientStock(lines, shortSkus);
                    }
                })
                .replaceWithVoid();
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

    Uni<Void> requireKnownSkus(SqlConnection conn, List<OrderApi.Line> lines) {
        String[] skus = lines.stream().map(OrderApi.Line::sku).distinct().toArray(String[]::new);
        return conn.preparedQuery("select array(select unnest($1::text[]) except select sku from sku) as unknown")
                .execute(Tuple.of((Object) skus))
                .invoke(rows -> {
                    String[] unknown = rows.iterator().next().getArrayOfStrings("unknown");
                    if (unknown != null && unknown.length > 0) {
                        throw ProblemException.unprocessable(
                                "unknown-reference", "Unknown SKU", "Unknown SKUs: " + Arrays.toString(unknown));
                    }
                })
                .replaceWithVoid();
    }

    static String hash(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    // ---------------------------------------------------------------- cancel

    public Uni<OrderApi.OrderView> cancel(String orderId, Reason reason) {
        return orders.inTransaction(conn -> orders.lockOrder(conn, orderId)
                .chain(order -> orders.fulfillments(conn, orderId).chain(fulfillments -> {
                    for (OrderRepository.StoredFulfillment f : fulfillments) {
                        if (OrderRepository.HANDED_OVER.contains(f.status())) {
                            throw ProblemException.conflict(
                                    "order-not-cancellable",
                                    "Order can no longer be cancelled",
                                    "Fulfillment " + f.id() + " is already " + f.status() + ".");
                        }
                    }
                    if ("CANCELLED".equals(order.getString("status"))) {
                        return orders.view(conn, orderId);
                    }
                    List<OrderRepository.StoredFulfillment> live = fulfillments.stream()
                            .filter(f -> OrderRepository.LIVE.contains(f.status()))
                            .toList();
                    List<OrderEvents.Event> changes = new ArrayList<>();
                    for (OrderRepository.StoredFulfillment f : live) {
                        changes.add(OrderEvents.Event.fulfillmentCancelled(orderId, f, reason));
                        if ("READY_FOR_PICKUP".equals(f.status()) && f.pickupLocationId() != null) {
                            changes.add(OrderEvents.Event.atPickupPoint(
                                    OrderEvents.PICKUP_CANCELLED,
                                    orderId,
                                    f.id(),
                                    f.pickupLocationId(),
                                    "CANCELLED",
                                    f.status(),
                                    f.compartment()));
                        }
                    }
                    changes.add(new OrderEvents.Event(
                            OrderEvents.ORDER_STATUS,
                            orderId,
                            null,
                            null,
                            OrderStatus.CANCELLED,
                            order.getString("status"),
                            reason.addTo(new LinkedHashMap<>())));
                    return reservations
                            .releaseOwned(conn, Reservations.OwnerColumn.ORDER, List.of(orderId), "RELEASED")
                            .chain(() -> orders.setFulfillmentStatus(
                                    conn,
                                    live.stream()
                                            .map(OrderRepository.StoredFulfillment::id)
                                            .toList(),
                                    "CANCELLED",
                                    reason.text()))
                            .chain(() -> conn.preparedQuery(
                                            "update orders set status = 'CANCELLED', updated_at = now() where id = $1")
                                    .execute(Tuple.of(orderId)))
                            .chain(() -> events.write(conn, changes))
                            .chain(() -> orders.view(conn, orderId));
                })));
    }

    // ---------------------------------------------------------------- change

    public Uni<OrderApi.OrderView> change(String orderId, OrderApi.PatchOrderRequest patch) {
        if (patch.pickupLocationId() == null && patch.shippingAddress() == null) {
            throw ProblemException.invalid("body", "name pickupLocationId or shippingAddress");
        }
        return orders.inTransaction(conn -> orders.lockOrder(conn, orderId)
                .chain(order -> orders.fulfillments(conn, orderId).chain(fulfillments -> {
                    if ("CANCELLED".equals(order.getString("status"))) {
                        throw ProblemException.conflict(
                                "order-cancelled", "Order is cancelled", "Order " + orderId + " is cancelled.");
                    }
                    for (OrderRepository.StoredFulfillment f : fulfillments) {
                        if (OrderRepository.HANDED_OVER.contains(f.status())
                                || (OrderRepository.LIVE.contains(f.status())
                                        && !OrderRepository.UNPICKED.contains(f.status()))) {
                            throw ProblemException.conflict(
                                    "order-already-picked",
                                    "Order can no longer be changed",
                                    "Fulfillment " + f.id() + " is already " + f.status() + ".");
                        }
                    }
                    OrderApi.Method method = OrderApi.Method.valueOf(order.getString("method"));
                    Uni<Void> done = Uni.createFrom().voidItem();
                    if (patch.shippingAddress() != null) {
                        if (method.isPickup()) {
                            throw ProblemException.unprocessable(
                                    "not-a-shipment",
                                    "Order is not shipped",
                                    "A pickup order has no shipping address.");
                        }
                        done = done.chain(() -> conn.preparedQuery(
                                        "update orders set shipping_address = $2::text::jsonb,"
                                                + " updated_at = now() where id = $1")
                                .execute(Tuple.of(orderId, orders.encode(patch.shippingAddress())))
                                .chain(() -> events.write(
                                        conn,
                                        List.of(new OrderEvents.Event(
                                                OrderEvents.ORDER_UPDATED,
                                                orderId,
                                                null,
                                                null,
                                                order.getString("status"),
                                                null,
                                                Map.of("shippingAddress", patch.shippingAddress())))))
                                .replaceWithVoid());
                    }
                    if (patch.pickupLocationId() != null) {
                        if (!method.isPickup()) {
                            throw ProblemException.unprocessable(
                                    "not-a-pickup", "Order is not a pickup", "Only pickup orders change their store.");
                        }
                        Location pickup = sourcing.pickupPoint(method, patch.pickupLocationId());
                        List<OrderRepository.StoredFulfillment> live = fulfillments.stream()
                                .filter(f -> OrderRepository.UNPICKED.contains(f.status()))
                                .toList();
                        done = done.chain(() ->
                                movePickup(conn, orderId, method, order.getString("pickup_location_id"), pickup, live));
                    }
                    return done.chain(() -> orders.view(conn, orderId));
                })));
    }

    /** Reserves at the new store and releases the old one in this transaction; the old fulfillment is kept, cancelled. */
    private Uni<Void> movePickup(
            SqlConnection conn,
            String orderId,
            OrderApi.Method method,
            String previousPickup,
            Location pickup,
            List<OrderRepository.StoredFulfillment> live) {
        Location stockAt = sourcing.stockLocation(pickup);
        Uni<Void> pointer = conn.preparedQuery(
                        "update orders set pickup_location_id = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(orderId, pickup.id()))
                .replaceWithVoid();
        List<OrderRepository.StoredFulfillment> moving =
                live.stream().filter(f -> !f.locationId().equals(stockAt.id())).toList();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("pickupLocationId", pickup.id());
        payload.put("previousPickupLocationId", previousPickup);
        OrderEvents.Event updated =
                new OrderEvents.Event(OrderEvents.ORDER_UPDATED, orderId, null, pickup.id(), "PLACED", null, payload);
        if (moving.isEmpty()) {
            return pointer.chain(() -> events.write(conn, List.of(updated)));
        }
        Map<String, OrderApi.Line> merged = new LinkedHashMap<>();
        for (OrderRepository.StoredFulfillment f : moving) {
            for (OrderApi.LineView l : f.lines()) {
                if (l.qty() > 0) {
                    merged.merge(
                            l.sku() + "\u0000" + l.mode(),
                            new OrderApi.Line(l.sku(), l.qty(), l.mode()),
                            (a, b) -> new OrderApi.Line(a.sku(), a.qty() + b.qty(), a.mode()));
                }
            }
        }
        OrderRepository.NewFulfillment next = new OrderRepository.NewFulfillment(
                "F-" + UUID.randomUUID(), stockAt.id(), List.copyOf(merged.values()));
        List<Reservations.Claim> claims = next.lines().stream()
                .map(l -> new Reservations.Claim(next.id(), stockAt.id(), l.sku(), l.modeOrStock(), l.qty()))
                .toList();
        List<String[]> keys = new ArrayList<>();
        for (OrderRepository.StoredFulfillment f : moving) {
            f.lines().forEach(l -> keys.add(new String[] {f.locationId(), l.sku()}));
        }
        claims.forEach(c -> keys.add(new String[] {c.locationId(), c.sku()}));
        List<OrderEvents.Event> changes = new ArrayList<>();
        for (OrderRepository.StoredFulfillment f : moving) {
            changes.add(OrderEvents.Event.fulfillmentCancelled(
                    orderId, f, new Reason(ReasonCode.CUSTOMER_REQUEST, "pickup moved to " + pickup.id())));
        }
        changes.add(assigned(orderId, next, method, null));
        changes.add(updated);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> movingIds =
                moving.stream().map(OrderRepository.StoredFulfillment::id).toList();
        return reservations
                .lockRows(conn, keys, false)
                .chain(() ->
                        reservations.releaseOwned(conn, Reservations.OwnerColumn.FULFILLMENT, movingIds, "RELEASED"))
                .chain(() ->
                        orders.setFulfillmentStatus(conn, movingIds, "CANCELLED", "pickup moved to " + pickup.id()))
                .chain(() -> orders.insertFulfillments(conn, orderId, method, List.of(next), now))
                .chain(() -> reservations.reserve(conn, Reservations.Owner.order(orderId), claims))
                .invoke(shortages -> {
                    if (!shortages.isEmpty()) {
                        Set<String> skus = new TreeSet<>();
                        shortages.forEach(s -> skus.add(s.sku()));
                        throw Sourcing.insufficientStock(next.lines(), skus);
                    }
                })
                .chain(() -> pointer)
                .chain(() -> reservations.addLoad(conn, List.of(stockAt.id())))
                .chain(() -> events.write(conn, changes));
    }
}
