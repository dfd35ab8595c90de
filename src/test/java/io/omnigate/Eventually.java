package io.omnigate;

import java.time.Duration;
import java.util.function.Supplier;

/** The one way tests wait: poll a condition until it holds or a deadline passes, never a fixed sleep. */
public final class Eventually {

    private Eventually() {}

    /** Polls {@code attempt} every 100 ms until it returns normally; rethrows its last failure at the deadline. */
    public static <T> T eventually(Duration within, Supplier<T> attempt) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
    }

    public static void eventually(Duration within, Runnable attempt) {
        eventually(within, () -> {
            attempt.run();
            return null;
        });
    }
}
