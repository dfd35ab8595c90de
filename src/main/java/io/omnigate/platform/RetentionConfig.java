package io.omnigate.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long finished rows are kept before the retention passes delete them (docs/limits-and-failures.md).
 * Idempotency records have their own sweep ({@code omnigate.orders.idempotency-retention}); outbox
 * events theirs ({@code omnigate.events.retention}).
 */
@ConfigMapping(prefix = "omnigate.retention")
public interface RetentionConfig {

    /** Whether the passes run on this instance. */
    @WithDefault("true")
    boolean enabled();

    /** How often a pass runs. */
    @WithDefault("PT5M")
    Duration interval();

    /** Rows one delete statement removes at most. */
    @WithDefault("1000")
    int batchSize();

    /** Delete statements per table in one pass at most: a pass removes at most batch-size times this per table. */
    @WithDefault("20")
    int maxBatchesPerPass();

    /** Released, consumed or expired holds are kept this long after they expired. */
    @WithDefault("P7D")
    Duration holds();

    /** Reservations that were released, consumed, expired or fulfilled are kept this long after that. */
    @WithDefault("P30D")
    Duration reservations();

    /**
     * Applied stock adjustments are kept this long; a feed that resends an event id older than this
     * gets it applied again, so keep it well beyond any feed's retry window.
     */
    @WithDefault("P30D")
    Duration adjustments();

    /** Order history entries (what an order's stream replays first) are kept this long. */
    @WithDefault("P365D")
    Duration orderHistory();
}
