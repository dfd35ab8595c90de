package io.omnigate.inventory;

import io.omnigate.platform.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Feeds' clocks drift, but a date beyond the allowed skew would freeze a location (every later
 * snapshot "stale") or replay a delta on top of every snapshot for ever: such dates are refused.
 */
final class ClockSkew {

    private ClockSkew() {}

    /** 400 naming {@code field} when {@code value} lies more than {@code skew} after now. */
    static void refuseFuture(String field, OffsetDateTime value, Duration skew) {
        if (value != null && value.toInstant().isAfter(Instant.now().plus(skew))) {
            throw ProblemException.invalid(
                    field, "is in the future (more than " + skew + " ahead of this server's clock)");
        }
    }
}
