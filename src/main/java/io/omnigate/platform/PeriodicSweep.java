package io.omnigate.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Background work on a Vert.x timer that never blocks the event loop and never overlaps itself on
 * one instance; a failed run is logged and the next tick tries again.
 */
public final class PeriodicSweep {

    private static final Logger LOG = Logger.getLogger(PeriodicSweep.class);

    private final Vertx vertx;
    private final long timer;
    private final AtomicBoolean running = new AtomicBoolean();

    private PeriodicSweep(Vertx vertx, Duration interval, String name, Supplier<Uni<?>> sweep) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(interval.toMillis(), id -> run(name, sweep));
    }

    public static PeriodicSweep every(Vertx vertx, Duration interval, String name, Supplier<Uni<?>> sweep) {
        return new PeriodicSweep(vertx, interval, name, sweep);
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void run(String name, Supplier<Uni<?>> sweep) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().deferred(sweep).subscribe().with(done -> running.set(false), failure -> {
            running.set(false);
            LOG.warnf("%s failed: %s", name, failure.getMessage());
        });
    }
}
