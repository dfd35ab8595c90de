package io.omnigate.fulfillment;

import io.omnigate.orders.OrderRepository;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Expires parcels not collected within {@code omnigate.fulfillment.pickup-expiry}, on a Vert.x
 * timer every {@code expiry-check-interval}. One order per transaction, taken with {@code for
 * update skip locked}, so several instances share the work and never block each other.
 */
@ApplicationScoped
public class PickupExpiry {

    private static final Logger LOG = Logger.getLogger(PickupExpiry.class);

    /** Orders one sweep handles at most (expired or failed); the next tick takes the rest. */
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

    /**
     * Expires every parcel due now (up to {@value #MAX_PER_SWEEP} orders); the number of orders
     * expired. An order whose expiry fails is logged and skipped for the rest of the sweep, so it
     * never holds up the others; the next sweep tries it again.
     */
    Uni<Integer> expireDue() {
        return expireNext(0, new ArrayList<>());
    }

    private Uni<Integer> expireNext(int done, List<String> failed) {
        if (done + failed.size() >= MAX_PER_SWEEP) {
            return Uni.createFrom().item(done);
        }
        return orders.inTransaction(conn -> repository
                        .lockOrderWithExpiredPickup(conn, config.pickupExpiry(), failed)
                        .chain(orderId -> orderId.isEmpty()
                                ? Uni.createFrom().item(Attempt.NONE_DUE)
                                : workflow.expireLocked(conn, orderId.get())
                                        .replaceWith(Attempt.EXPIRED)
                                        .onFailure(failure -> !OrderRepository.retryable(failure))
                                        .transform(failure -> new OrderExpiryFailed(orderId.get(), failure))))
                .onFailure(OrderExpiryFailed.class)
                .recoverWithItem(failure -> {
                    OrderExpiryFailed skipped = (OrderExpiryFailed) failure;
                    LOG.errorf(skipped.getCause(), "Expiring the pickups of order %s failed; skipped", skipped.orderId);
                    failed.add(skipped.orderId);
                    return Attempt.FAILED;
                })
                .chain(attempt -> {
                    switch (attempt) {
                        case EXPIRED:
                            return expireNext(done + 1, failed);
                        case FAILED:
                            return expireNext(done, failed);
                        default:
                            return Uni.createFrom().item(done);
                    }
                });
    }

    private enum Attempt {
        EXPIRED,
        FAILED,
        NONE_DUE
    }

    /** One order's expiry failed (its transaction rolled back); carries the order to skip. */
    private static final class OrderExpiryFailed extends RuntimeException {
        private final String orderId;

        OrderExpiryFailed(String orderId, Throwable cause) {
            super("Expiring order " + orderId + " failed", cause, false, false);
            this.orderId = orderId;
        }
    }
}
