package io.omnigate;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting in tests: retry an assertion until it holds or the time is up (then its last failure is thrown). */
public final class Eventually {

    private Eventually() {}

    public static void eventually(Duration within, Runnable assertion) {
        eventually(within, () -> {
            assertion.run();
            return null;
        });
    }

    /** The same for an attempt that yields what the test goes on with (the id of what it made). */
    public static <T> T eventually(Duration within, Supplier<T> attempt) {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = 10;
        while (true) {
            try {
                return attempt.get();
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
            pause = Math.min(200, pause * 2);
        }
    }
}
