package io.omnigate.events;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown of the streams (docs/limits-and-failures.md): when the instance is told to stop,
 * readiness goes DOWN at once (Quarkus' shutdown delay) and, just before the delay ends and the
 * server stops taking requests, every stream ends cleanly with a {@code retry:} hint, so clients
 * reconnect to another instance and resume from their Last-Event-ID, and an open stream does not
 * hold the in-flight wait ({@code quarkus.shutdown.timeout}) until it runs out.
 */
@ApplicationScoped
class StreamShutdown {

    private static final Logger LOG = Logger.getLogger(StreamShutdown.class);
    /** Ends the streams this long before the delay ends: reconnects land after the load balancer moved on. */
    private static final Duration MARGIN = Duration.ofMillis(250);

    private final StreamHub hub;
    private final Vertx vertx;
    private final long retryMillis;
    private final Duration delay;

    StreamShutdown(
            StreamHub hub,
            Vertx vertx,
            EventsConfig config,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.hub = hub;
        this.vertx = vertx;
        this.retryMillis = config.shutdownRetry().toMillis();
        this.delay = delay.orElse(Duration.ZERO);
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        long wait = delay.minus(MARGIN).toMillis();
        if (wait <= 0) {
            endStreams();
        } else {
            vertx.setTimer(wait, id -> endStreams());
        }
    }

    /** Without a shutdown delay the streams end here, after the in-flight wait. */
    void stopping(@Observes ShutdownEvent event) {
        endStreams();
    }

    private void endStreams() {
        if (hub.size() > 0) {
            LOG.infof("Ending %d streams with retry %d ms: this instance stops", hub.size(), retryMillis);
        }
        hub.endAll(retryMillis);
    }
}
