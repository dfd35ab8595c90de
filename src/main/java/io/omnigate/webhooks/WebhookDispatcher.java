package io.omnigate.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnigate.platform.PeriodicSweep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends webhooks in the background on every instance. Each subscription is pumped on its own: new
 * events become deliveries, due deliveries are claimed up to {@code max-in-flight} and sent
 * concurrently (one per order at a time, so each order's events arrive in seq order). A slow or
 * dead target only keeps its own slots busy; no request ever waits for a webhook.
 */
@ApplicationScoped
class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /** Per subscription on this instance: whether a pump runs, and how many requests are open. */
    private static final class Lane {
        final AtomicBoolean pumping = new AtomicBoolean();
        final AtomicInteger inFlight = new AtomicInteger();
        volatile DeliveryQueue.Target target;
    }

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final RetrySchedule retries;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter failed;
    private PeriodicSweep poll;
    private PeriodicSweep prune;
    private volatile boolean stopped;

    WebhookDispatcher(
            DeliveryQueue queue, WebhookSender sender, WebhooksConfig config, Vertx vertx, MeterRegistry registry) {
        this.queue = queue;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
        this.retries = RetrySchedule.of(config);
        this.delivered = Counter.builder("omnigate.webhooks.delivered")
                .description("Webhook deliveries a target accepted (2xx)")
                .register(registry);
        this.failed = Counter.builder("omnigate.webhooks.failed")
                .description("Webhook delivery attempts that failed (retried or parked)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        poll = PeriodicSweep.every(vertx, config.pollInterval(), "Webhook dispatch", this::pollAll);
        prune = PeriodicSweep.every(
                vertx, Duration.ofMinutes(10), "Webhook log pruning", () -> queue.prune(config.logRetention()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (poll != null) {
            poll.stop();
            prune.stop();
        }
    }

    private Uni<Void> pollAll() {
        return queue.targets().invoke(this::pumpAll).replaceWithVoid();
    }

    private void pumpAll(List<DeliveryQueue.Target> targets) {
        lanes.keySet().retainAll(targets.stream().map(DeliveryQueue.Target::id).toList());
        for (DeliveryQueue.Target target : targets) {
            Lane lane = lanes.computeIfAbsent(target.id(), id -> new Lane());
            lane.target = target;
            pump(lane);
        }
    }

    /** Queues the subscription's new events, then claims and sends what its free slots allow. */
    private void pump(Lane lane) {
        if (stopped || !lane.pumping.compareAndSet(false, true)) {
            return;
        }
        DeliveryQueue.Target target = lane.target;
        enqueueAll(target.id())
                .chain(() -> {
                    int free = config.maxInFlight() - lane.inFlight.get();
                    return free <= 0
                            ? Uni.createFrom().item(List.<DeliveryQueue.Claimed>of())
                            : queue.claim(target, free, config.timeout().plusSeconds(30));
                })
                .subscribe()
                .with(
                        claimed -> {
                            lane.pumping.set(false);
                            claimed.forEach(delivery -> send(lane, target, delivery));
                        },
                        failure -> {
                            lane.pumping.set(false);
                            LOG.warnf("Webhook queue of %s: %s", target.id(), failure.getMessage());
                        });
    }

    private Uni<Void> enqueueAll(String subscriptionId) {
        return queue.enqueue(subscriptionId, config.batchSize())
                .chain(count -> count < config.batchSize() || stopped
                        ? Uni.createFrom().voidItem()
                        : enqueueAll(subscriptionId));
    }

    private void send(Lane lane, DeliveryQueue.Target target, DeliveryQueue.Claimed delivery) {
        lane.inFlight.incrementAndGet();
        sender.send(target, delivery)
                .chain(outcome -> record(delivery, outcome))
                .subscribe()
                .with(
                        done -> {
                            lane.inFlight.decrementAndGet();
                            pump(lane);
                        },
                        failure -> {
                            lane.inFlight.decrementAndGet();
                            LOG.warnf("Webhook delivery %d: %s", delivery.id(), failure.getMessage());
                        });
    }

    private Uni<Void> record(DeliveryQueue.Claimed delivery, WebhookSender.Outcome outcome) {
        if (outcome.succeeded()) {
            delivered.increment();
            return queue.delivered(delivery.id(), outcome.status(), outcome.response());
        }
        failed.increment();
        Duration wait = retries.after(delivery.attempt(), ThreadLocalRandom.current()::nextDouble);
        return queue.failed(
                delivery.id(), outcome.status(), outcome.error(), outcome.response(), wait, config.retryFor());
    }
}
