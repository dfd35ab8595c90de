package io.omnigate.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnigate.platform.PgChannels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Moves committed events from the outbox to the streams this instance holds (DESIGN.md §4,
 * docs/events.md).
 *
 * <p>Writers commit unnumbered events and then {@link #wake()} the relay of their own instance
 * (through {@link #wakeAfterCommit}); no writer notifies PostgreSQL. A relay pass is one round
 * trip ({@link RelayConnection#pass}): it numbers what is committed, one numbering at a time across
 * instances, pokes {@code omnigate_events} with the highest seq so the other instances read too,
 * and returns the events after the last seq this relay delivered, which it hands to the {@link
 * StreamHub} once the numbering has committed. A pass also runs on every such poke, after every
 * (re)subscription of the LISTEN connection and on a one-second timer: events whose writer died
 * between its commit and its wake are numbered by the next pass of any instance.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Writers outside the application (SQL tools, the benchmark's pipeline probe) may NOTIFY this
     * channel after their commit to wake every relay; the application's own writers never do.
     */
    public static final String EXTERNAL_WAKE_CHANNEL = "omnigate_outbox";

    private static final int PRUNE_BATCH = 10_000;

    private final EventStore store;
    private final RelayConnection connection;
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
            RelayConnection connection,
            StreamHub hub,
            Instance<InternalEventSink> internal,
            PgChannels channels,
            Vertx vertx,
            EventsConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.connection = connection;
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
        channels.listen(EventStore.EVENTS_CHANNEL, this::numbered, this::resync);
        channels.listen(EXTERNAL_WAKE_CHANNEL, payload -> poke(), () -> {});
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poke());
        pruneTimer = vertx.setPeriodic(config.pruneInterval().toMillis(), id -> prune());
        LOG.debugf("Outbox relay started after seq %d", delivered);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(pruneTimer);
    }

    /**
     * Wakes this instance's relay: call it after a transaction that wrote outbox events has
     * committed (before the commit, the pass would not see them and the wake is lost until the
     * next poll).
     */
    public void wake() {
        poke();
    }

    /**
     * Wakes this instance's relay once the transaction running on {@code conn} has committed (at
     * once when {@code conn} runs none); nothing when it rolls back. Writers of outbox events call
     * this next to their insert.
     */
    public void wakeAfterCommit(SqlConnection conn) {
        io.vertx.sqlclient.Transaction transaction = conn.getDelegate().transaction();
        if (transaction == null) {
            afterCommit();
            return;
        }
        transaction.completion().onSuccess(committed -> afterCommit());
    }

    /**
     * Wakes this instance's relay after a commit its writer saw itself (a transaction sent as one
     * flight, which has no transaction object to watch).
     */
    public void committed() {
        afterCommit();
    }

    private void afterCommit() {
        if (config.crashBeforeWake()) {
            LOG.error("omnigate.events.crash-before-wake is set: halting after a commit, before the wake");
            Runtime.getRuntime().halt(99);
        }
        wake();
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
        readAll()
                .ifNoItem()
                .after(config.passTimeout())
                .failWith(() -> new TimeoutException("no answer within " + config.passTimeout()))
                .subscribe()
                .with(done -> finish(), failure -> {
                    LOG.warnf("Outbox relay pass failed (retrying on a new connection): %s", failure.getMessage());
                    connection.reset();
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (again && !stopped && running.compareAndSet(false, true)) {
            pass();
        }
    }

    private Uni<Void> readAll() {
        return connection.pass(delivered, config.batchSize()).chain(events -> {
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
