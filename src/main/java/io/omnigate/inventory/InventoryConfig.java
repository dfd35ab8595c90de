package io.omnigate.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How stock is counted and trusted. */
@ConfigMapping(prefix = "omnigate.inventory")
public interface InventoryConfig {

    /** A location whose stock has not been synced for this long is served as near-time. */
    @WithDefault("PT30M")
    Duration staleAfter();

    /** Extra units withheld from a stale location's available-to-promise. */
    @WithDefault("1")
    int staleBuffer();

    /** Safety stock applied to a new location when its PUT does not name one. */
    DefaultSafetyStock defaultSafetyStock();

    /** Lines per database batch when a snapshot streams in. */
    @WithDefault("5000")
    int snapshotBatchSize();

    /**
     * Most lines one snapshot may hold: the body is read into memory before the location is
     * locked, so this bounds that memory (about 100 bytes a line); more is a 413.
     */
    @WithDefault("1000000")
    int snapshotMaxLines();

    /** Most adjustments accepted in one request. */
    @WithDefault("10000")
    int maxAdjustmentsPerRequest();

    /**
     * How far ahead of this server's clock a snapshot's {@code asOf} or an adjustment's
     * {@code occurredAt} may be (feeds' clocks drift); later dates are refused with a 400.
     */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    interface DefaultSafetyStock {
        /** Stores keep this many units back from online promises by default. */
        @WithDefault("1")
        int store();

        /** Warehouses' counts are accurate: nothing held back by default. */
        @WithDefault("0")
        int dc();

        /** Lockers hold parcels, not stock. */
        @WithDefault("0")
        int locker();

        /** Dropship suppliers' feeds are trusted as sent. */
        @WithDefault("0")
        int supplier();
    }
}
