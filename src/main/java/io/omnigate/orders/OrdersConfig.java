package io.omnigate.orders;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long orders keep their promises (idempotency keys, holds, order tokens) and how hot rows are batched. */
@ConfigMapping(prefix = "omnigate.orders")
public interface OrdersConfig {

    /** Idempotency keys are answered from storage for at least this long, then swept. */
    @WithDefault("PT24H")
    Duration idempotencyRetention();

    /** Most idempotency records one sweep deletes; the next sweep takes the rest. */
    @WithDefault("5000")
    int sweepBatch();

    /** How often expired holds are released and old idempotency keys swept. */
    @WithDefault("PT1S")
    Duration sweepInterval();

    /** A hold's lifetime when the request names none. */
    @WithDefault("PT15M")
    Duration defaultHoldTtl();

    /** Lifetime of the accessToken returned with a new order. */
    @WithDefault("P30D")
    Duration orderTokenTtl();

    /** Ship-from candidates examined when planning a shipment, nearest first. */
    @WithDefault("100")
    int shipCandidates();

    /** Placements that reserve one hot stock row, batched per instance (docs/orders.md). */
    HotRow hotRow();

    /** How placements on one stock row share a flight while an earlier one is in PostgreSQL. */
    interface HotRow {

        /** Whether one-flight placements on one (location, sku) wait for the flight ahead and go together. */
        @WithDefault("true")
        boolean enabled();

        /** Most placements sent together in one flight; the rest wait for the next. */
        @WithDefault("64")
        int maxBatch();

        /** The longest a placement waits in memory for the flights ahead of it before it goes alone. */
        @WithDefault("PT1S")
        Duration maxWait();

        /**
         * Queues that single-row placements are spread over by their row, so placements on
         * different rows share flights too (one row always goes to the same queue); 0 keeps one
         * queue per row, so only placements on the same row share a flight.
         */
        @WithDefault("4")
        int lanes();
    }
}
