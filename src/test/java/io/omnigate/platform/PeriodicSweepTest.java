package io.omnigate.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sweep whose run hangs is abandoned after its timeout and runs again. */
class PeriodicSweepTest {

    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void aHungRunIsAbandonedAndTheNextTickRunsAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ranAgain = new CountDownLatch(2);
        PeriodicSweep sweep =
                PeriodicSweep.every(vertx, Duration.ofMillis(50), Duration.ofMillis(300), "Hanging sweep", () -> {
                    ranAgain.countDown();
                    return runs.getAndIncrement() == 0
                            ? Uni.createFrom().nothing()
                            : Uni.createFrom().voidItem();
                });
        try {
            assertTrue(ranAgain.await(10, TimeUnit.SECONDS), "the sweep ran again after its first run hung");
        } finally {
            sweep.stop();
        }
    }

    @Test
    void aRunNeverOverlapsItself() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch runs = new CountDownLatch(3);
        PeriodicSweep sweep =
                PeriodicSweep.every(vertx, Duration.ofMillis(20), Duration.ofSeconds(5), "Slow sweep", () -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(Duration.ofMillis(100))
                            .invoke(() -> {
                                running.decrementAndGet();
                                runs.countDown();
                            });
                });
        try {
            assertTrue(runs.await(10, TimeUnit.SECONDS));
            assertTrue(overlaps.get() == 0, "no run started while another was going");
        } finally {
            sweep.stop();
        }
    }
}
