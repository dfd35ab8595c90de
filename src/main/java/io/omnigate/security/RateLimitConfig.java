package io.omnigate.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Per-caller rate limits (docs/limits-and-failures.md): requests a second each caller may send to
 * each endpoint family, on one instance. A caller is a token's subject, or the token itself for
 * minted tokens named after their role only.
 */
@ConfigMapping(prefix = "omnigate.limits")
public interface RateLimitConfig {

    /** Whether the limits apply at all. */
    @WithDefault("true")
    boolean enabled();

    /** How many seconds of a family's rate a caller may send at once after a quiet spell (the burst). */
    @WithDefault("PT2S")
    Duration burst();

    /** Placing, changing, cancelling orders and their returns and arrivals. */
    @WithDefault("2000")
    double ordersPerSecond();

    /** Creating and releasing holds. */
    @WithDefault("2000")
    double holdsPerSecond();

    /** Stock adjustments, inbound receipts and safety stock. */
    @WithDefault("2000")
    double adjustmentsPerSecond();

    /** Snapshot uploads of a location's stock. */
    @WithDefault("5")
    double snapshotsPerSecond();

    /**
     * Store and locker workflow steps, pickup-code checks, return receipts, curbside arrivals (a
     * store system's integration may drive a whole region's steps through one token).
     */
    @WithDefault("2000")
    double workflowPerSecond();

    /** Minting and revoking tokens (provisioning mints one per store device at once). */
    @WithDefault("200")
    double tokensPerSecond();

    /** Opening a live stream (the cap on streams held open is omnigate.events.max-streams-per-token). */
    @WithDefault("20")
    double streamsPerSecond();

    /** Callers tracked at once per instance; beyond it a new caller is not limited until some go quiet. */
    @WithDefault("100000")
    int maxCallers();

    default double perSecond(RateFamily family) {
        return switch (family) {
            case ORDERS -> ordersPerSecond();
            case HOLDS -> holdsPerSecond();
            case ADJUSTMENTS -> adjustmentsPerSecond();
            case SNAPSHOTS -> snapshotsPerSecond();
            case WORKFLOW -> workflowPerSecond();
            case TOKENS -> tokensPerSecond();
            case STREAMS -> streamsPerSecond();
        };
    }

    /** Tokens a bucket holds: the burst window's worth of the rate, at least one. */
    default int burstOf(RateFamily family) {
        return (int) Math.max(1, Math.ceil(perSecond(family) * burst().toMillis() / 1000.0));
    }
}
