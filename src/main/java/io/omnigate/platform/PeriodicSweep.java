package io.omnigate.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Background work on a Vert.x timer that never blocks the event loop and never overlaps itself on
 * one instance; a failed run is logged and the next tick tries again. A run that has not finished
 * within its timeout is abandoned, so one hung statement cannot stop the sweep for good.
 */
public final class PeriodicSweep {

    /** How long a run may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(45);

    private static final Logger LOG = Logger.getLogger(PeriodicSweep.class);

    private final Vertx vertx;
    private final long timer;
    private final AtomicBoolean running = new AtomicBoolean();

    private PeriodicSweep(Vertx vertx, Duration interval, Duration timeout, String name, Supplier<Uni<?>> sweep) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(interval.toMillis(), id -> run(name, timeout, sweep));
    }

    public static PeriodicSweep every(Vertx vertx, Duration interval, String name, Supplier<Uni<?>> sweep) {
        return every(vertx, interval, DEFAULT_TIMEOUT, name, sweep);
    }

    /** Runs {@code sweep} every {@code interval}; a run still going after {@code timeout} is abandoned. */
    public static PeriodicSweep every(
            Vertx vertx, Duration interval, Duration timeout, String name, Supplier<Uni<?>> sweep) {
        return new PeriodicSweep(vertx, interval, timeout, name, sweep);
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void run(String name, Duration timeout, Supplier<Uni<?>> sweep) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom()
                .deferred(sweep)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout + "; abandoned"))
                .subscribe()
                .with(done -> running.set(false), failure -> {
                    running.set(false);
                    LOG.warnf("%s failed: %s", name, failure.getMessage());
                });
    }
}
