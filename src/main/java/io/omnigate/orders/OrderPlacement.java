package io.omnigate.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import io.omnigate.customers.CustomerApi;
import io.omnigate.customers.CustomerContacts;
import io.omnigate.inventory.SkuCatalog;
import io.omnigate.network.Location;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.OrderTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Places an order once per caller and {@code Idempotency-Key}: plans from plain reads, then writes
 * key, order, events and the guarded reservation in one pipelined transaction, the stock
 * row last so its lock is held only to the commit. One more try after a shortage.
 */
@ApplicationScoped
public class OrderPlacement {

    /** What POST /v1/orders answers; {@code replayed} when the key had already placed the order. */
    public record Placement(OrderApi.OrderView order, boolean replayed) {}

    /** Who places: the idempotency caller, and whether an admin (who may use any hold). */
    public record Placer(String caller, boolean admin) {}

    /** The caller's key was taken by an earlier request: answer from its record. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    private final OrderRepository orders;
    private final Reservations reservations;
    private final Sourcing sourcing;
    private final OrderEvents events;
    private final HoldService holds;
    private final IdempotencyRecords idempotency;
    private final SkuCatalog catalog;
    private final OrderTokens tokens;
    private final CustomerContacts customers;
    private final OrdersConfig config;
    private final PlacementFlights flights;
    private final RecordedAnswers recorded;

    OrderPlacement(
            OrderRepository orders,
            Reservations reservations,
            Sourcing sourcing,
            OrderEvents events,
            HoldService holds,
            IdempotencyRecords idempotency,
            SkuCatalog catalog,
            OrderTokens tokens,
            CustomerContacts customers,
            OrdersConfig config,
            PlacementFlights flights,
            RecordedAnswers recorded) {
        this.orders = orders;
        this.reservations = reservations;
        this.sourcing = sourcing;
        this.events = events;
        this.holds = holds;
        this.idempotency = idempotency;
        this.catalog = catalog;
        this.tokens = tokens;
        this.customers = customers;
        this.config = config;
        this.flights = flights;
        this.recorded = recorded;
    }

    public Uni<Placement> place(Placer placer, String key, OrderApi.PlaceOrderRequest request) {
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
        IdempotencyRecords.Scope scope = new IdempotencyRecords.Scope(
                placer.caller(),
                IdempotencyRecords.Operation.PLACE_ORDER,
                key,
                IdempotencyRecords.hash(orders.encode(request)));
        return requireKnownSkus(lines)
                .chain(() -> answeredBefore(scope, request, lines))
                .chain(answered -> answered != null
                        ? Uni.createFrom().item(answered)
                        : attempt(placer, scope, request, lines, pickup, true))
                .onFailure(Sourcing.ShortStock.class)
                .recoverWithUni(failure -> holds.expireDue().chain(released -> {
                    boolean raced = ((Sourcing.ShortStock) failure).raced();
                    if (released || (raced && !request.method().isPickup())) {
                        return attempt(placer, scope, request, lines, pickup, false);
                    }
                    return Uni.createFrom().failure(failure);
                }))
                .onFailure(Sourcing.ShortStock.class)
                .recoverWithUni(failure -> idempotency.refuseShortStock(
                        scope, lines, ((Sourcing.ShortStock) failure).skus(), this::replayed))
                .onFailure(KeyTaken.class)
                .recoverWithUni(() -> idempotency.replay(scope, lines, this::replayed));
    }

    private static void checkShape(OrderApi.PlaceOrderRequest request, List<OrderApi.Line> lines) {
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

    private Uni<Void> requireKnownSkus(List<OrderApi.Line> lines) {
        return catalog.unknown(lines.stream().map(OrderApi.Line::sku).toList())
                .invoke(unknown -> {
                    if (!unknown.isEmpty()) {
                        throw ProblemException.unprocessable(
                                "unknown-reference", "Unknown SKU", "Unknown SKUs: " + unknown);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * One try. Without a hold the plan is read outside the transaction (on the first try from the
     * ATP replica when it covers the read; the retry after a lost race reads SQL); with one, the
     * hold's units are released first in the transaction and the plan reads them as available again.
     */
    private Uni<Placement> attempt(
            Placer placer,
            IdempotencyRecords.Scope scope,
            OrderApi.PlaceOrderRequest request,
            List<OrderApi.Line> lines,
            Location pickup,
            boolean firstTry) {
        if (request.holdId() == null) {
            return sourcing.allocateOrder(orders.pool(), request, lines, pickup, firstTry)
                    .map(allocations -> draft(PlacementDraft.newOrderId(), request, pickup, allocations))
                    .chain(draft -> fitsOneFlight(request, draft)
                            ? writeInOneFlight(scope, request, draft)
                            : orders.inTransaction(conn -> write(conn, scope, request, draft)))
                    .map(answer -> new Placement(answer, false));
        }
        String orderId = PlacementDraft.newOrderId();
        return orders.inTransaction(conn -> holds.consumeForOrder(conn, request.holdId(), orderId, placer)
                .chain(() -> sourcing.allocateOrder(conn, request, lines, pickup, false))
                .map(allocations -> draft(orderId, request, pickup, allocations))
                .chain(draft -> write(conn, scope, request, draft).map(answer -> new Placement(answer, false))));
    }

    private PlacementDraft draft(
            String orderId,
            OrderApi.PlaceOrderRequest request,
            Location pickup,
            List<Sourcing.Allocation> allocations) {
        return PlacementDraft.of(orderId, request, pickup, allocations, id -> tokens.mint(id, config.orderTokenTtl()));
    }

    /**
     * Every statement of the placement is sent before the first answer is read (the connection
     * pipelines them), so the transaction costs BEGIN, one batch and COMMIT. The guarded update
     * is the last statement and the only row lock; store load is counted later by the relay from
     * the {@code fulfillment.assigned} events (V18).
     */
    private Uni<OrderApi.OrderView> write(
            SqlConnection conn,
            IdempotencyRecords.Scope scope,
            OrderApi.PlaceOrderRequest request,
            PlacementDraft draft) {
        String orderId = draft.orderId();
        Uni<Boolean> claimed = conn.preparedQuery(IdempotencyRecords.CLAIM)
                .execute(IdempotencyRecords.claim(scope, 201, recorded.of(draft.view()), orderId))
                .map(rows -> rows.size() > 0);
        Uni<Void> inserted = orders.insertPlaced(
                        conn, orderId, request, draft.view().pickupLocationId(), draft.fulfillments(), draft.at())
                .call(() -> transfer(conn, orderId, request, draft.view().pickupLocationId()));
        Uni<Void> logged = events.write(conn, draft.events());
        Uni<CustomerApi.OrderCustomer> attached =
                customers.attach(conn, customerContext(orderId, request), request.customer());
        Uni<List<Reservations.Shortage>> reserved =
                reservations.reserve(conn, Reservations.Owner.order(orderId), draft.claims());
        return Uni.combine()
                .all()
                .unis(claimed, inserted, logged, attached, reserved)
                .asTuple()
                .chain(results -> {
                    if (!results.getItem1()) {
                        throw new KeyTaken();
                    }
                    if (!results.getItem5().isEmpty()) {
                        Set<String> skus = new TreeSet<>();
                        results.getItem5().forEach(s -> skus.add(s.sku()));
                        throw new Sourcing.ShortStock(skus, true);
                    }
                    if (results.getItem4() == null) {
                        return Uni.createFrom().item(draft.view());
                    }
                    // Only an order naming a customer or channel pays this second round trip: its answer
                    // carries what the consent ledger said, known only now.
                    OrderApi.OrderView answer = draft.view().withCustomer(results.getItem4());
                    return idempotency
                            .replaceAnswer(conn, scope, recorded.of(answer))
                            .replaceWith(answer);
                });
    }

    /**
     * The common placement (no hold, customer, channel or carrier, no transfer, only STOCK lines) needs no
     * answer before its commit, so it goes as one flight ({@link OneFlight}): key, order, events,
     * guarded update, a completeness check and COMMIT leave together, and a hot stock row is locked
     * only for the server's time to the commit; placements on one hot row share a flight ({@link PlacementFlights}).
     */
    private static boolean fitsOneFlight(OrderApi.PlaceOrderRequest request, PlacementDraft draft) {
        return request.holdId() == null
                && request.customer() == null
                && request.channel() == null
                && request.carrier() == null
                && request.fulfilledFromLocationId() == null
                && !draft.claims().isEmpty()
                && draft.claims().stream().allMatch(c -> c.mode() == OrderApi.LineMode.STOCK);
    }

    private Uni<OrderApi.OrderView> writeInOneFlight(
            IdempotencyRecords.Scope scope, OrderApi.PlaceOrderRequest request, PlacementDraft draft) {
        return flights.write(new PlacementFlights.Pending(scope, request, draft))
                .invoke(events::committed)
                .replaceWith(draft.view())
                .onFailure(PgException.class)
                .transform(this::flightRefusal);
    }

    /** A taken key or short stock, as the rest of placement knows them; anything else as it is. */
    private Throwable flightRefusal(Throwable failure) {
        PgException pg = (PgException) failure;
        if ("23505".equals(pg.getSqlState()) && IdempotencyRecords.KEY_TAKEN.equals(pg.getConstraint())) {
            return new KeyTaken();
        }
        if (Reservations.SHORT_STOCK.equals(pg.getSqlState())) {
            return new Sourcing.ShortStock(shortSkus(pg.getDetail()), true);
        }
        return failure;
    }

    private Set<String> shortSkus(String detail) {
        return new TreeSet<>(orders.decode(detail, new TypeReference<List<String>>() {}));
    }

    /** Ship-to-store: fulfillments prepared at the feeder become ready at the pickup store. */
    private Uni<Void> transfer(
            SqlConnection conn, String orderId, OrderApi.PlaceOrderRequest request, String pickupLocationId) {
        if (pickupLocationId == null
                || request.fulfilledFromLocationId() == null
                || request.fulfilledFromLocationId().equals(pickupLocationId)) {
            return Uni.createFrom().voidItem();
        }
        return orders.markTransfer(conn, orderId, pickupLocationId);
    }

    private static CustomerContacts.OrderContext customerContext(String orderId, OrderApi.PlaceOrderRequest request) {
        return new CustomerContacts.OrderContext(
                orderId,
                !request.method().isPickup(),
                request.method() == OrderApi.Method.LOCKER,
                request.channel(),
                request.carrier());
    }

    /**
     * An order with a hold consumes the hold before its key is claimed, so a retry of it would
     * meet its own consumed hold: the stored answer is looked up first. Null when there is none.
     */
    private Uni<Placement> answeredBefore(
            IdempotencyRecords.Scope scope, OrderApi.PlaceOrderRequest request, List<OrderApi.Line> lines) {
        if (request.holdId() == null) {
            return Uni.createFrom().nullItem();
        }
        return idempotency
                .find(orders.pool(), scope)
                .chain(found -> found.isPresent()
                        ? idempotency.replay(scope, lines, this::replayed)
                        : Uni.createFrom().nullItem());
    }

    private Placement replayed(String response) {
        return new Placement(recorded.replayed(response), true);
    }
}
