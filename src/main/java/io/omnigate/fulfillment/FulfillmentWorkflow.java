package io.omnigate.fulfillment;

import io.omnigate.network.Location;
import io.omnigate.network.NetworkIndex;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderArrivals;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderRepository;
import io.omnigate.orders.Reason;
import io.omnigate.orders.ReasonCode;
import io.omnigate.orders.Reservations;
import io.omnigate.platform.DatabaseOutage;
import io.omnigate.platform.Problem;
import io.omnigate.platform.ProblemException;
import io.omnigate.platform.ProblemMappers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Moves fulfillments through the state machine. Each transition locks its order's row, so two
 * devices racing on one fulfillment get one success and one 409; stock, compartment, status and
 * the events (fulfillment, pickup point, derived order status) change in that one transaction.
 * Stock leaves the shelf at PICKED_UP and SHIPPED and goes back to ATP at CANCELLED and EXPIRED.
 */
@ApplicationScoped
public class FulfillmentWorkflow {

    private static final Logger LOG = Logger.getLogger(FulfillmentWorkflow.class);

    /** A fulfillment whose order row this transaction holds. */
    record Locked(
            Row order,
            OrderApi.Method method,
            List<OrderRepository.StoredFulfillment> all,
            OrderRepository.StoredFulfillment target) {
        String orderId() {
            return order.getString("id");
        }
    }

    /**
     * Who asks for a transition: an admin acts anywhere and sees whole orders, a store device acts
     * at its one location and sees only what it moved.
     */
    public record Caller(boolean admin, String locationId) {

        /** The workflow itself: a verified pickup code, the expiry job. */
        static final Caller WORKFLOW = new Caller(true, null);

        boolean isAt(String location) {
            return admin || (location != null && location.equals(locationId));
        }
    }

    /** Where a ready parcel waits. */
    private record Ready(String pickupLocationId, String compartment, boolean lockerFull) {}

    private final OrderRepository orders;
    private final FulfillmentRepository repository;
    private final Reservations reservations;
    private final OrderEvents events;
    private final Rejections rejections;
    private final PickupCodes codes;
    private final NetworkIndex network;
    private final FulfillmentConfig config;
    private final OrderArrivals arrivals;

    FulfillmentWorkflow(
            OrderRepository orders,
            FulfillmentRepository repository,
            Reservations reservations,
            OrderEvents events,
            Rejections rejections,
            PickupCodes codes,
            NetworkIndex network,
            FulfillmentConfig config,
            OrderArrivals arrivals) {
        this.orders = orders;
        this.repository = repository;
        this.reservations = reservations;
        this.events = events;
        this.rejections = rejections;
        this.codes = codes;
        this.network = network;
        this.config = config;
        this.arrivals = arrivals;
    }

    /**
     * Applies one transition in its own transaction. The caller must be at the fulfillment's location
     * or its pickup point (neither is a 403) before anything changes.
     */
    public Uni<FulfillmentApi.TransitionResult> transition(
            String fulfillmentId, FulfillmentApi.TransitionRequest request, Caller caller) {
        String to = request.to();
        if (!FulfillmentStateMachine.STATUSES.contains(to)) {
            throw ProblemException.invalid("to", "must be one of " + FulfillmentStateMachine.STATUSES);
        }
        if (!"REJECTED".equals(to)
                && request.lines() != null
                && !request.lines().isEmpty()) {
            throw ProblemException.invalid("lines", "are only accepted with to REJECTED (a short pick)");
        }
        return orders.inTransaction(conn -> lock(conn, fulfillmentId, caller).chain(locked -> {
            FulfillmentStateMachine.check(
                    fulfillmentId, locked.method(), locked.target().status(), to);
            refuseOutsideTheApi(locked.target(), to, caller);
            if ("REJECTED".equals(to)) {
                Reason reason =
                        Reason.of(request.reasonCode(), request.reason(), ReasonCode.OTHER, "rejected by store");
                return rejections
                        .rejectLocked(conn, locked.order(), locked.all(), fulfillmentId, request.lines(), reason)
                        .chain(outcome -> finish(conn, locked.orderId(), List.of())
                                .chain(() ->
                                        result(conn, locked, outcome.rerouted(), outcome.unfulfillable(), caller)));
            }
            return apply(conn, locked, to, request.reason(), request.parcelSize(), request.details())
                    .chain(changes -> finish(conn, locked.orderId(), changes))
                    .chain(() -> result(conn, locked, null, null, caller));
        }));
    }

    /**
     * What the state machine allows but this API does not: a parcel in a locker compartment leaves
     * only against its code (the verify endpoint), any other pickup only at its pickup point, and
     * expiry is the job's (admins may still expire by hand).
     */
    private static void refuseOutsideTheApi(OrderRepository.StoredFulfillment f, String to, Caller caller) {
        if ("EXPIRED".equals(to) && !caller.admin()) {
            throw ProblemException.unprocessable(
                    "expiry-is-automatic",
                    "Expiry is automatic",
                    "Parcels expire by themselves once not collected within the pickup expiry; only an admin"
                            + " expires one by hand.");
        }
        if (!"PICKED_UP".equals(to)) {
            return;
        }
        if (f.compartment() != null) {
            throw ProblemException.conflict(
                    "pickup-code-required",
                    "Pickup code required",
                    "Fulfillment " + f.id() + " waits in compartment " + f.compartment() + " at "
                            + f.pickupLocationId() + "; it is handed over only against its pickup code"
                            + " (POST /v1/locations/" + f.pickupLocationId() + "/pickups/verify).");
        }
        if (!caller.isAt(f.pickupLocationId())) {
            throw new ProblemException(
                    403,
                    "not-the-pickup-location",
                    "Not the pickup location",
                    "Fulfillment " + f.id() + " waits at " + f.pickupLocationId()
                            + "; only that location hands it over.");
        }
    }

    /**
     * Bulk transitions, one after the other, each in its own transaction: an item that fails leaves
     * the others as they are. The outcome lists every item in request order.
     */
    public Uni<FulfillmentApi.BulkResult> bulk(List<FulfillmentApi.BulkItem> items, Caller caller) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> Uni.createFrom()
                        .deferred(() -> transition(item.fulfillmentId(), item.toRequest(), caller))
                        .map(r -> new FulfillmentApi.BulkOutcome(
                                item.fulfillmentId(),
                                item.to(),
                                200,
                                r.fulfillment().status(),
                                r.order().id(),
                                r.order().status(),
                                null))
                        // A database outage fails the whole batch (503): the items after it would fail too.
                        .onFailure(failure -> !DatabaseOutage.causedBy(failure))
                        .recoverWithItem(failure -> failed(item, failure)))
                .collect()
                .asList()
                .map(outcomes -> {
                    int ok = (int)
                            outcomes.stream().filter(o -> o.status() == 200).count();
                    return new FulfillmentApi.BulkResult(ok, outcomes.size() - ok, outcomes);
                });
    }

    private static FulfillmentApi.BulkOutcome failed(FulfillmentApi.BulkItem item, Throwable failure) {
        ProblemException problem = ProblemMappers.expected(failure, 0).orElseGet(() -> {
            LOG.errorf(failure, "Bulk transition of %s failed", item.fulfillmentId());
            return new ProblemException(500, "internal", "Internal error", "This transition failed; it was logged.");
        });
        Problem body = problem.toProblem("/v1/fulfillments/" + item.fulfillmentId() + "/transitions");
        return new FulfillmentApi.BulkOutcome(
                item.fulfillmentId(), item.to(), problem.status(), null, null, null, body);
    }

    /**
     * Hands over a parcel whose code a pickup point verified, in the caller's transaction:
     * PICKED_UP, stock consumed, compartment freed. A parcel that is no longer waiting there
     * (collected a moment ago) is a 409 {@code pickup-code-used}.
     */
    Uni<FulfillmentApi.HandOver> handOver(
            SqlConnection conn, String fulfillmentId, String pickupLocationId, HandOverProof proof) {
        return lock(conn, fulfillmentId, Caller.WORKFLOW).chain(locked -> {
            OrderRepository.StoredFulfillment f = locked.target();
            if (!"READY_FOR_PICKUP".equals(f.status()) || !pickupLocationId.equals(f.pickupLocationId())) {
                throw PickupService.codeUsed();
            }
            return apply(
                            conn,
                            locked,
                            "PICKED_UP",
                            "pickup code verified at " + pickupLocationId,
                            null,
                            proof.addTo(new LinkedHashMap<>()))
                    .chain(changes -> finish(conn, locked.orderId(), changes))
                    .map(done -> new FulfillmentApi.HandOver(
                            locked.orderId(), f.id(), pickupLocationId, f.compartment(), "PICKED_UP", f.lines()));
        });
    }

    /** Expires the order's parcels not collected in time; the caller's transaction holds the order's lock. */
    Uni<Void> expireLocked(SqlConnection conn, String orderId) {
        String reason = "not collected within " + config.pickupExpiry();
        return orders.lockOrder(conn, orderId)
                .chain(order -> orders.fulfillments(conn, orderId)
                        .chain(all -> repository
                                .expiredPickups(conn, orderId, config.pickupExpiry())
                                .chain(due -> {
                                    OrderApi.Method method = OrderApi.Method.valueOf(order.getString("method"));
                                    List<OrderEvents.Event> changes = new ArrayList<>();
                                    Uni<Void> expired = Uni.createFrom().voidItem();
                                    for (OrderRepository.StoredFulfillment f : all) {
                                        if (due.contains(f.id())) {
                                            Locked locked = new Locked(order, method, all, f);
                                            expired = expired.chain(
                                                    () -> apply(conn, locked, "EXPIRED", reason, null, Map.of())
                                                            .invoke(changes::addAll)
                                                            .replaceWithVoid());
                                        }
                                    }
                                    return expired.chain(() -> finish(conn, orderId, changes));
                                })));
    }

    /** Locks the fulfillment's order and reads the fulfillment afresh under that lock; 404 or 403 first. */
    Uni<Locked> lock(SqlConnection conn, String fulfillmentId, Caller caller) {
        return repository.locate(conn, fulfillmentId).chain(found -> {
            Row where = found.orElseThrow(() -> ProblemException.notFound("Fulfillment", fulfillmentId));
            if (!caller.isAt(where.getString("location_id")) && !caller.isAt(where.getString("pickup_location_id"))) {
                throw ProblemException.forbidden();
            }
            String orderId = where.getString("order_id");
            return orders.lockOrder(conn, orderId)
                    .chain(order -> orders.fulfillments(conn, orderId)
                            .map(all -> new Locked(
                                    order,
                                    OrderApi.Method.valueOf(order.getString("method")),
                                    all,
                                    all.stream()
                                            .filter(f -> f.id().equals(fulfillmentId))
                                            .findFirst()
                                            .orElseThrow())));
        });
    }

    /**
     * Moves the locked fulfillment to {@code to} (already checked against the state machine): its
     * stock, compartment and pickup code; returns the events of the fulfillment and its pickup point.
     * {@code details} (reason code, hand-over proof) go into the fulfillment event's payload; a
     * hand-over adds the curb wait when the customer had said they were here.
     */
    Uni<List<OrderEvents.Event>> apply(
            SqlConnection conn,
            Locked locked,
            String to,
            String reason,
            String parcelSize,
            Map<String, Object> details) {
        OrderRepository.StoredFulfillment f = locked.target();
        String from = f.status();
        Map<String, Object> payload = new LinkedHashMap<>();
        if (reason != null) {
            payload.put("reason", reason);
        }
        payload.putAll(details);
        payload.put("method", locked.method());
        List<OrderEvents.Event> changes = new ArrayList<>();
        changes.add(new OrderEvents.Event(
                OrderEvents.FULFILLMENT_STATUS, locked.orderId(), f.id(), f.locationId(), to, from, payload));
        Uni<Void> effect;
        switch (to) {
            case "READY_FOR_PICKUP":
                String code = codes.newCode();
                effect = ready(conn, locked, parcelSize == null ? config.defaultParcelSize() : parcelSize)
                        .call(ready -> repository.markReady(
                                conn, f.id(), ready.pickupLocationId(), ready.compartment(), codes.hash(f.id(), code)))
                        .invoke(ready -> {
                            payload.put("pickupLocationId", ready.pickupLocationId());
                            if (ready.compartment() != null) {
                                payload.put("compartment", ready.compartment());
                            }
                            if (ready.lockerFull()) {
                                payload.put("lockerFull", true);
                                payload.put("lockerId", locked.order().getString("pickup_location_id"));
                            }
                            payload.put(PickupCodes.SEALED_FIELD, codes.seal(code));
                            OrderEvents.Event atPoint = OrderEvents.Event.atPickupPoint(
                                    OrderEvents.PICKUP_READY,
                                    locked.orderId(),
                                    f.id(),
                                    ready.pickupLocationId(),
                                    to,
                                    from,
                                    ready.compartment());
                            if (ready.lockerFull()) {
                                atPoint.payload().put("lockerFull", true);
                            }
                            changes.add(atPoint);
                        })
                        .replaceWithVoid();
                break;
            case "PICKED_UP":
                String handedOverAt = f.pickupLocationId() != null ? f.pickupLocationId() : f.locationId();
                effect = reservations
                        .consumeFulfillment(conn, f.id())
                        .chain(() -> arrivals.handedOver(conn, locked.orderId(), handedOverAt))
                        .invoke(wait -> wait.ifPresent(d -> payload.put("curbWaitSeconds", d.toSeconds())))
                        .replaceWithVoid();
                break;
            case "SHIPPED":
                effect = reservations.consumeFulfillment(conn, f.id());
                break;
            case "CANCELLED":
                effect = reservations.releaseOwned(
                        conn, Reservations.OwnerColumn.FULFILLMENT, List.of(f.id()), "RELEASED");
                break;
            case "EXPIRED":
                effect = reservations.releaseOwned(
                        conn, Reservations.OwnerColumn.FULFILLMENT, List.of(f.id()), "EXPIRED");
                break;
            default:
                effect = Uni.createFrom().voidItem();
        }
        String pickupType = pickupEventType(from, to);
        if (pickupType != null && f.pickupLocationId() != null) {
            changes.add(OrderEvents.Event.atPickupPoint(
                    pickupType, locked.orderId(), f.id(), f.pickupLocationId(), to, from, f.compartment()));
        }
        return effect.chain(() -> orders.setFulfillmentStatus(conn, List.of(f.id()), to, reason))
                .map(done -> changes);
    }

    /** The pickup point hears when a waiting parcel leaves it. */
    private static String pickupEventType(String from, String to) {
        if (!"READY_FOR_PICKUP".equals(from)) {
            return null;
        }
        switch (to) {
            case "PICKED_UP":
                return OrderEvents.PICKUP_COLLECTED;
            case "EXPIRED":
                return OrderEvents.PICKUP_EXPIRED;
            case "CANCELLED":
                return OrderEvents.PICKUP_CANCELLED;
            default:
                return null;
        }
    }

    /**
     * Where the parcel waits: a LOCKER parcel in the smallest free compartment of at least its size
     * at the customer's locker, or, when that locker is full, at the locker's store; a ship-to-store
     * pickup at the store it was carried to; any other pickup at the store that prepared it.
     */
    private Uni<Ready> ready(SqlConnection conn, Locked locked, String parcelSize) {
        OrderRepository.StoredFulfillment f = locked.target();
        if (locked.method() != OrderApi.Method.LOCKER) {
            return repository
                    .transferTo(conn, f.id())
                    .map(carriedTo -> new Ready(carriedTo.orElse(f.locationId()), null, false));
        }
        Optional<Location> locker = network.get(locked.order().getString("pickup_location_id"));
        if (locker.isEmpty()) {
            return Uni.createFrom().item(new Ready(f.locationId(), null, true));
        }
        Location at = locker.get();
        Map<String, Integer> compartments = at.compartments() == null ? Map.of() : at.compartments();
        if (compartments.isEmpty()) {
            return Uni.createFrom().item(new Ready(at.id(), null, false));
        }
        List<String> sizes = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<String> all = FulfillmentRepository.SIZES;
        for (String size : all.subList(all.indexOf(parcelSize), all.size())) {
            if (compartments.getOrDefault(size, 0) > 0) {
                sizes.add(size);
                counts.add(compartments.get(size));
            }
        }
        String fallback = at.parentLocationId() != null ? at.parentLocationId() : f.locationId();
        if (sizes.isEmpty()) {
            return Uni.createFrom().item(new Ready(fallback, null, true));
        }
        return repository
                .assignCompartment(conn, at.id(), sizes, counts, f.id())
                .map(compartment -> compartment
                        .map(c -> new Ready(at.id(), c, false))
                        .orElseGet(() -> new Ready(fallback, null, true)));
    }

    /** Derives the order's status and writes this transaction's events, the order's last. */
    Uni<Void> finish(SqlConnection conn, String orderId, List<OrderEvents.Event> changes) {
        return orders.refreshStatus(conn, orderId).chain(statusChange -> {
            List<OrderEvents.Event> all = new ArrayList<>(changes);
            all.addAll(statusChange);
            return events.write(conn, all);
        });
    }

    /**
     * The answer to a transition: an admin gets the whole order; a store device only the order's id
     * and derived status beside the fulfillment it moved, never the customer's address or
     * destination nor the order's fulfillments at other locations.
     */
    private Uni<FulfillmentApi.TransitionResult> result(
            SqlConnection conn,
            Locked locked,
            List<OrderApi.LineView> rerouted,
            List<OrderApi.LineView> unfulfillable,
            Caller caller) {
        return orders.view(conn, locked.orderId())
                .map(view -> new FulfillmentApi.TransitionResult(
                        caller.admin()
                                ? view
                                : new OrderApi.OrderView(
                                        view.id(), view.status(), null, null, null, null, null, null, null, null),
                        view.fulfillments().stream()
                                .filter(x -> x.id().equals(locked.target().id()))
                                .findFirst()
                                .orElseThrow(),
                        rerouted,
                        unfulfillable));
    }
}
