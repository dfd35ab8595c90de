package io.omnigate.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One LISTEN connection per instance, shared by every feature that needs PostgreSQL pokes
 * (network changes, outbox events). It reconnects by itself; {@code onSubscribed} runs after
 * every (re)subscription so a listener can catch up on what it missed while disconnected.
 */
@ApplicationScoped
public class PgChannels {

    private static final Logger LOG = Logger.getLogger(PgChannels.class);
    private static final long MAX_RECONNECT_DELAY_MS = 2_000;

    private final PgSubscriber subscriber;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    PgChannels(Vertx vertx, DatabaseAddress database) {
        this.subscriber = PgSubscriber.subscriber(vertx, database.connectOptions())
                .reconnectPolicy(attempt -> Math.min(MAX_RECONNECT_DELAY_MS, 100L * (attempt + 1)));
        this.subscriber.closeHandler(v -> {
            if (!closing.get()) {
                // Reconnects never give up (see the policy), so this runs only if that changes.
                LOG.warn("LISTEN connection to PostgreSQL closed for good: no more pokes, only polls");
            }
        });
    }

    /**
     * Listens on {@code channel}. Payloads arrive on an event-loop thread: handlers must not block.
     */
    public void listen(String channel, Consumer<String> onPayload, Runnable onSubscribed) {
        PgChannel pgChannel = subscriber.channel(channel);
        AtomicBoolean subscribedBefore = new AtomicBoolean();
        pgChannel.subscribeHandler(v -> {
            if (subscribedBefore.getAndSet(true)) {
                LOG.infof("LISTEN %s is back after a lost connection; catching up", channel);
            }
            onSubscribed.run();
        });
        pgChannel.handler(onPayload::accept);
        pgChannel.exceptionHandler(e -> LOG.warnf("LISTEN %s failed: %s", channel, e.getMessage()));
        if (connecting.compareAndSet(false, true)) {
            subscriber.connect().onFailure(e -> LOG.errorf("Could not LISTEN on PostgreSQL: %s", e.getMessage()));
        }
    }

    void close(@Observes ShutdownEvent event) {
        closing.set(true);
        subscriber.close();
    }
}
