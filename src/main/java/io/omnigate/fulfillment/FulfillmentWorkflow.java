package io.omnigate.fulfillment;

import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderEvents;
import io.omnigate.orders.OrderRepository;
import io.omnigate.orders.Reason;
import io.omnigate.orders.ReasonCode;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves fulfillments through the state machine. Each transition locks its order's row, so two
 * devices racing on one fulfillment get one success and one 409; stock, compartment, status and
 * the events (fulfillment, pickup point, derived order status) change in that one transaction
 * ({@link TransitionStep} does the work, {@link TransitionEvents} describes it).
 */
@ApplicationScoped
public class FulfillmentWorkflow {

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

    private final OrderRepository orders;
    private final FulfillmentRepository repository;
    private final OrderEvents events;
    private final Rejections rejections;
    private final TransitionStep step;
    private final FulfillmentConfig config;

    FulfillmentWorkflow(
            OrderRepository orders,
            FulfillmentRepository repository,
            OrderEvents events,
            Rejections rejections,
            TransitionStep step,
            FulfillmentConfig config) {
        this.orders = orders;
        this.repository = repository;
        this.events = events;
        this.rejections = rejections;
        this.step = step;
        this.config = config;
    }

    /**
     * Applies one transition in its own transaction. The caller must be at the fulfillment's location
     * or its pickup point (neither is a 403) before anything changes.
     */
    public Uni<FulfillmentApi.TransitionResult> transition(
            String fulfillmentId, FulfillmentApi.TransitionRequest request, Caller caller) {
        FulfillmentStatus to = TransitionGuards.checkRequest(request);
        return orders.inTransaction(conn -> lock(conn, fulfillmentId, caller).chain(locked -> {
            FulfillmentStateMachine.check(
                    fulfillmentId, locked.method(), locked.target().status(), to);
            TransitionGuards.refuseOutsideTheApi(locked.target(), to, caller);
            if (to == FulfillmentStatus.REJECTED) {
                Reason reason =
                        Reason.of(request.reasonCode(), request.reason(), ReasonCode.OTHER, "rejected by store");
                return rejections
                        .rejectLocked(conn, locked.order(), locked.all(), fulfillmentId, request.lines(), reason)
                        .chain(outcome -> finish(conn, locked.orderId(), List.of())
                                .chain(() ->
                                        result(conn, locked, outcome.rerouted(), outcome.unfulfillable(), caller)));
            }
            return step.apply(conn, locked, to, request.reason(), request.parcelSize(), request.details(to))
                    .chain(changes -> finish(conn, locked.orderId(), changes))
                    .chain(() -> result(conn, locked, null, null, caller));
        }));
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
            if (f.status() != FulfillmentStatus.READY_FOR_PICKUP || !pickupLocationId.equals(f.pickupLocationId())) {
                throw PickupService.codeUsed();
            }
            return step.apply(
                            conn,
                            locked,
                            FulfillmentStatus.PICKED_UP,
                            "pickup code verified at " + pickupLocationId,
                            null,
                            proof.addTo(new LinkedHashMap<>()))
                    .chain(changes -> finish(conn, locked.orderId(), changes))
                    .map(done -> new FulfillmentApi.HandOver(
                            locked.orderId(),
                            f.id(),
                            pickupLocationId,
                            f.compartment(),
                            FulfillmentStatus.PICKED_UP.name(),
                            f.lines()));
        });
    }

    /** Expires the order's parcels not collected in time; the caller's transaction holds the order's lock. */
    Uni<Void> expireLocked(SqlConnection conn, String orderId) {
        String reason = "not collected within " + config.pickupExpiry();
        return orders.lock(conn, orderId)
                .chain(order -> orders.fulfillments(conn, orderId)
                        .chain(all -> repository
                                .expiredPickups(conn, orderId, config.pickupExpiry())
                                .chain(due -> {
                                    List<OrderEvents.Event> changes = new ArrayList<>();
                                    Uni<Void> expired = Uni.createFrom().voidItem();
                                    for (OrderRepository.StoredFulfillment f : all) {
                                        if (due.contains(f.id())) {
                                            LockedFulfillment locked = LockedFulfillment.of(order, all, f.id());
                                            expired = expired.chain(() -> step.apply(
                                                            conn,
                                                            locked,
                                                            FulfillmentStatus.EXPIRED,
                                                            reason,
                                                            null,
                                                            Map.of())
                                                    .invoke(changes::addAll)
                                                    .replaceWithVoid());
                                        }
                                    }
                                    return expired.chain(() -> finish(conn, orderId, changes));
                                })));
    }

    /** Locks the fulfillment's order and reads the fulfillment afresh under that lock; 404 or 403 first. */
    Uni<LockedFulfillment> lock(SqlConnection conn, String fulfillmentId, Caller caller) {
        return repository.locate(conn, fulfillmentId).chain(found -> {
            Row where = found.orElseThrow(() -> ProblemException.notFound("Fulfillment", fulfillmentId));
            if (!caller.isAt(where.getString("location_id")) && !caller.isAt(where.getString("pickup_location_id"))) {
                throw ProblemException.forbidden();
            }
            String orderId = where.getString("order_id");
            return orders.lock(conn, orderId)
                    .chain(order -> orders.fulfillments(conn, orderId)
                            .map(all -> LockedFulfillment.of(order, all, fulfillmentId)));
        });
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
            LockedFulfillment locked,
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
