package io.omnigate.fulfillment;

import io.omnigate.orders.OrderRepository;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Expires parcels not collected within {@code omnigate.fulfillment.pickup-expiry}, on a Vert.x
 * timer every {@code expiry-check-interval}. One order per transaction, taken with {@code for
 * update skip locked}, so several instances share the work and never block each other.
 */
@ApplicationScoped
public class PickupExpiry {

    /** Orders one sweep handles at most; the next tick takes the rest. */
    static final int MAX_PER_SWEEP = 200;

    private final OrderRepository orders;
    private final FulfillmentRepository repository;
    private final FulfillmentWorkflow workflow;
    private final FulfillmentConfig config;
    private final Vertx vertx;
    private PeriodicSweep sweeper;

    PickupExpiry(
            OrderRepository orders,
            FulfillmentRepository repository,
            FulfillmentWorkflow workflow,
            FulfillmentConfig config,
            Vertx vertx) {
        this.orders = orders;
        this.repository = repository;
        this.workflow = workflow;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweeper = PeriodicSweep.every(vertx, config.expiryCheckInterval(), "Pickup expiry sweep", this::expireDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /** Expires every parcel due now (up to {@value #MAX_PER_SWEEP} orders); the number of orders touched. */
    Uni<Integer> expireDue() {
        return expireNext(0);
    }

    private Uni<Integer> expireNext(int done) {
        if (done >= MAX_PER_SWEEP) {
            return Uni.createFrom().item(done);
        }
        return orders.inTransaction(conn -> repository
                        .lockOrderWithExpiredPickup(conn, config.pickupExpiry())
                        .chain(orderId -> orderId.isEmpty()
                                ? Uni.createFrom().item(false)
                                : workflow.expireLocked(conn, orderId.get()).replaceWith(true)))
                .chain(found -> found ? expireNext(done + 1) : Uni.createFrom().item(done));
    }
}
