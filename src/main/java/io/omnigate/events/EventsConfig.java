package io.omnigate.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay and the SSE streams (DESIGN.md §4). */
@ConfigMapping(prefix = "omnigate.events")
public interface EventsConfig {

    /** Events older than this are pruned from the outbox; order history keeps them. */
    @WithDefault("P7D")
    Duration retention();

    /** How often the outbox is pruned (one instance at a time). */
    @WithDefault("PT10M")
    Duration pruneInterval();

    /**
     * How often the relay looks for new events without being poked: the safety net for a poke
     * lost while the LISTEN connection was down.
     */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** A comment line is written to every stream this often, so proxies keep it open. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /**
     * The {@code retry:} hint sent when a stream is ended because this instance stops: clients
     * reconnect after it, to another instance behind the load balancer.
     */
    @WithDefault("PT1S")
    Duration shutdownRetry();

    /** The {@code retry:} hint: how long a client waits before reconnecting. */
    @WithDefault("PT2S")
    Duration retry();

    /**
     * Events a stream may have waiting while its client does not read; one more and the stream is
     * closed (the client reconnects and replays from its Last-Event-ID).
     */
    @WithDefault("512")
    int subscriberBuffer();

    /** Streams one token may hold open on one instance; one more is a 429 until one closes. */
    @WithDefault("16")
    int maxStreamsPerToken();

    /** Events read from the outbox per query, by the relay and by a replay. */
    @WithDefault("500")
    int batchSize();

    /**
     * A relay pass that has not finished by then is abandoned and its connection closed, so a hung
     * statement cannot stop live events; it is also the relay connection's statement and lock timeout.
     */
    @WithDefault("PT45S")
    Duration passTimeout();

    /**
     * Fault injection for the crash-safety test only: the process halts right after a transaction
     * that wrote events commits, before it wakes the relay. Never set it in a deployment.
     */
    @WithDefault("false")
    boolean crashBeforeWake();
}
