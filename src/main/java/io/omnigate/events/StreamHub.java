package io.omnigate.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The streams this instance holds, by order and by location. The relay publishes each event
 * once; the hub renders it at most once per audience and hands it to the streams that want it.
 */
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);

    /**
     * Heartbeats go out in this many slices spread over the interval, so 10,000 streams do not
     * all get their comment line in the same instant.
     */
    static final int HEARTBEAT_SLICES = 16;

    private final Map<String, Set<EventStream>> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Set<EventStream>> byLocation = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ObjectMapper json;
    private final Function<String, Optional<String>> reveal;
    private final Vertx vertx;
    private final EventsConfig config;
    private final Counter dropped;
    private long heartbeatTimer = -1;
    private long heartbeatTick;

    StreamHub(ObjectMapper json, SealedPayloads sealed, Vertx vertx, EventsConfig config, MeterRegistry registry) {
        this.json = json;
        this.reveal = sealed::open;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("omnigate.sse.streams", open, AtomicInteger::get)
                .description("Open SSE streams on this instance")
                .register(registry);
        this.dropped = Counter.builder("omnigate.sse.dropped")
                .description("Streams closed because their client did not keep up")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        heartbeatTimer = vertx.setPeriodic(
                heartbeatTickMillis(config.heartbeat()), id -> heartbeat(heartbeatTick++, EventStream::heartbeat));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(heartbeatTimer);
    }

    /** Open streams on this instance. */
    public int size() {
        return open.get();
    }

    /** The SSE frame of {@code event} for {@code audience}, or null (logged) when it cannot be rendered. */
    byte[] render(OutboxEvent event, EventStream.Audience audience) {
        try {
            return event.frame(json, audience.revealsSealedFields() ? reveal : null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Event %d cannot be rendered; streams skip it", event.seq());
            return null;
        }
    }

    void register(EventStream stream) {
        open.incrementAndGet();
        index(stream).compute(stream.key(), (key, streams) -> {
            Set<EventStream> set = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            set.add(stream);
            return set;
        });
    }

    void unregister(EventStream stream) {
        open.decrementAndGet();
        index(stream).computeIfPresent(stream.key(), (key, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    void dropped() {
        dropped.increment();
    }

    /** Hands {@code event} to every stream that wants it; called by the relay in seq order. */
    void publish(OutboxEvent event) {
        if (event.isInternal()) {
            return;
        }
        if (event.orderId() != null) {
            deliver(byOrder.get(event.orderId()), event);
        }
        if (event.locationId() != null) {
            deliver(byLocation.get(event.locationId()), event);
        }
    }

    private void deliver(Set<EventStream> streams, OutboxEvent event) {
        if (streams == null) {
            return;
        }
        byte[] orderFrame = null;
        byte[] locationFrame = null;
        for (EventStream stream : streams) {
            if (!stream.wants(event)) {
                continue;
            }
            byte[] frame;
            if (stream.audience().revealsSealedFields()) {
                orderFrame = orderFrame != null ? orderFrame : render(event, EventStream.Audience.ORDER);
                frame = orderFrame;
            } else {
                locationFrame = locationFrame != null ? locationFrame : render(event, EventStream.Audience.LOCATION);
                frame = locationFrame;
            }
            if (frame != null) {
                stream.offer(event, frame);
            }
        }
    }

    /** Closes every stream (their clients reconnect and resume), e.g. after the numbering went back. */
    void closeAll() {
        byOrder.values().forEach(streams -> streams.forEach(EventStream::closeSoon));
        byLocation.values().forEach(streams -> streams.forEach(EventStream::closeSoon));
    }

    /** Ends every stream cleanly with a {@code retry:} hint (graceful shutdown; see StreamShutdown). */
    void endAll(long retryMillis) {
        byOrder.values().forEach(streams -> streams.forEach(stream -> stream.endSoon(retryMillis)));
        byLocation.values().forEach(streams -> streams.forEach(stream -> stream.endSoon(retryMillis)));
    }

    private Map<String, Set<EventStream>> index(EventStream stream) {
        return stream.audience().followsOrder() ? byOrder : byLocation;
    }

    /** The time between two ticks: {@value #HEARTBEAT_SLICES} ticks, one per slice, fit in one interval. */
    static long heartbeatTickMillis(Duration interval) {
        return Math.max(1, interval.toMillis() / HEARTBEAT_SLICES);
    }

    /** Tick {@code tick}'s slice of the streams gets {@code beat}; each stream once per {@value #HEARTBEAT_SLICES} ticks. */
    void heartbeat(long tick, Consumer<EventStream> beat) {
        int slice = (int) Math.floorMod(tick, (long) HEARTBEAT_SLICES);
        byOrder.values().forEach(streams -> heartbeat(streams, slice, beat));
        byLocation.values().forEach(streams -> heartbeat(streams, slice, beat));
    }

    private static void heartbeat(Set<EventStream> streams, int slice, Consumer<EventStream> beat) {
        for (EventStream stream : streams) {
            if (heartbeatSlice(stream) == slice) {
                beat.accept(stream);
            }
        }
    }

    static int heartbeatSlice(EventStream stream) {
        return Math.floorMod(System.identityHashCode(stream), HEARTBEAT_SLICES);
    }
}
