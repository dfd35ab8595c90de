package io.omnigate.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnigate.orders.OrderEvents;
import io.omnigate.platform.PgChannels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Moves committed events from the outbox to the streams this instance holds (DESIGN.md §4).
 *
 * <p>Writers commit unnumbered events and poke {@code omnigate_outbox}. Any relay then numbers
 * them (one at a time across instances) and pokes {@code omnigate_events}; every relay reads the
 * rows after the last seq it delivered, once, and hands them to the {@link StreamHub}. A pass runs
 * after every poke, after every (re)subscription of the LISTEN connection and on a slow timer, so
 * events committed while the connection was down are caught up from the table, in order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final int PRUNE_BATCH = 10_000;

    /**
     * A pass that has not finished by then is abandoned so the next poke starts a fresh one (the
     * relay's connections also carry statement, lock and idle-in-transaction timeouts).
     */
    private static final Duration PASS_TIMEOUT = Duration.ofSeconds(45);

    private final EventStore store;
    private final StreamHub hub;
    private final Instance<InternalEventSink> internal;
    private final PgChannels channels;
    private final Vertx vertx;
    private final EventsConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter relayed;
    private final Timer lag;
    private volatile boolean again;
    private volatile long delivered;
    private volatile boolean stopped;
    private long pollTimer = -1;
    private long pruneTimer = -1;

    OutboxRelay(
            EventStore store,
            StreamHub hub,
            Instance<InternalEventSink> internal,
            PgChannels channels,
            Vertx vertx,
            EventsConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.hub = hub;
        this.internal = internal;
        this.channels = channels;
        this.vertx = vertx;
        this.config = config;
        this.relayed = Counter.builder("omnigate.events.relayed")
                .description("Outbox events handed to this instance's streams")
                .register(registry);
        this.lag = Timer.builder("omnigate.events.lag")
                .description("From an event's write to its hand-over to the streams")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        delivered = store.position().await().atMost(Duration.ofSeconds(30)).lastSeq();
        channels.listen(OrderEvents.OUTBOX_CHANNEL, payload -> poke(), this::poke);
        channels.listen(EventStore.EVENTS_CHANNEL, this::numbered, this::resync);
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poke());
        pruneTimer = vertx.setPeriodic(config.pruneInterval().toMillis(), id -> prune());
        LOG.debugf("Outbox relay started after seq %d", delivered);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(pruneTimer);
    }

    /** The highest seq handed to the streams; every event up to it is readable from the tables. */
    public long delivered() {
        return delivered;
    }

    private void numbered(String payload) {
        try {
            if (Long.parseLong(payload) <= delivered) {
                return;
            }
        } catch (NumberFormatException e) {
            LOG.debugf("Ignoring poke %s", payload);
            return;
        }
        poke();
    }

    /**
     * After every (re)subscription: if the database's numbering is behind what this relay has
     * delivered (a failover or restore lost commits), follow it back so new events are not taken
     * for old ones; then catch up.
     */
    private void resync() {
        store.position()
                .subscribe()
                .with(
                        position -> {
                            if (position.lastSeq() < delivered) {
                                LOG.warnf(
                                        "The database numbers events from %d but this relay delivered up to %d"
                                                + " (failover or restore?); following the database",
                                        position.lastSeq(), delivered);
                                delivered = position.lastSeq();
                                hub.closeAll();
                            }
                            poke();
                        },
                        failure -> poke());
    }

    /** Runs a pass now, or right after the one running. */
    void poke() {
        if (stopped) {
            return;
        }
        again = true;
        if (running.compareAndSet(false, true)) {
            pass();
        }
    }

    private void pass() {
        again = false;
        numberAll().chain(this::readAll).subscribe().with(done -> finish(), failure -> {
            LOG.warnf("Outbox relay pass failed (retrying): %s", failure.getMessage());
            finish();
        });
    }

    private void finish() {
        running.set(false);
        if (again && !stopped && running.compareAndSet(false, true)) {
            pass();
        }
    }

    private Uni<Void> numberAll() {
        return store.number(config.batchSize())
                .chain(count -> count < config.batchSize() ? Uni.createFrom().voidItem() : numberAll());
    }

    private Uni<Void> readAll() {
        return store.after(delivered, config.batchSize()).chain(events -> {
            deliver(events);
            return events.size() < config.batchSize() ? Uni.createFrom().voidItem() : readAll();
        });
    }

    private void deliver(List<OutboxEvent> events) {
        long now = System.currentTimeMillis();
        for (OutboxEvent event : events) {
            if (event.seq() <= delivered) {
                continue;
            }
            delivered = event.seq();
            try {
                if (event.isInternal()) {
                    internal.forEach(sink -> sink.accept(event));
                    continue;
                }
                hub.publish(event);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Event %d could not be handed to the streams", event.seq());
            }
            relayed.increment();
            if (event.at() != null) {
                lag.record(Math.max(0, now - event.at().toInstant().toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void prune() {
        pruneAll(0)
                .subscribe()
                .with(
                        count -> {
                            if (count > 0) {
                                LOG.infof("Pruned %d events older than %s", count, config.retention());
                            }
                        },
                        failure -> LOG.warnf("Pruning the outbox failed: %s", failure.getMessage()));
    }

    private Uni<Long> pruneAll(long sofar) {
        return store.prune(config.retention(), PRUNE_BATCH)
                .chain(count -> count < PRUNE_BATCH || stopped
                        ? Uni.createFrom().item(sofar + count)
                        : pruneAll(sofar + count));
    }
}
