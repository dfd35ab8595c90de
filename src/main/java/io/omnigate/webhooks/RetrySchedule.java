package io.omnigate.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff from the initial wait, capped, with
 * "equal jitter" (half the wait fixed, half random) so a recovering target is not hit by every
 * queue at the same instant.
 */
record RetrySchedule(Duration initial, Duration max) {

    static RetrySchedule of(WebhooksConfig config) {
        return new RetrySchedule(config.initialBackoff(), config.maxBackoff());
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first); random in [0, 1). */
    Duration after(int attempts, DoubleSupplier random) {
        long initialMillis = Math.max(1, initial.toMillis());
        int doublings = Math.min(Math.max(0, attempts - 1), 40);
        double full = Math.min((double) max.toMillis(), initialMillis * Math.pow(2, doublings));
        return Duration.ofMillis((long) (full / 2 + random.getAsDouble() * full / 2));
    }
}
