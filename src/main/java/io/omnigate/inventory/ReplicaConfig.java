package io.omnigate.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The in-memory ATP replica (docs/atp-replica.md). */
@ConfigMapping(prefix = "omnigate.inventory.replica")
public interface ReplicaConfig {

    /** Whether availability reads stock from memory; when off, every read goes to SQL. */
    @WithDefault("true")
    boolean enabled();

    /** Locations read per query while the replica loads or re-reads locations. */
    @WithDefault("25")
    int locationsPerRead();

    /** How often the reconciliation compares a share of the replica with SQL and repairs drift. */
    @WithDefault("PT60S")
    Duration reconcileInterval();

    /**
     * How long a row that SQL holds newer than the replica may wait for its change notice before
     * the reconciliation counts it as drift and repairs it; longer than the replica's usual lag.
     */
    @WithDefault("PT5S")
    Duration reconcileGrace();

    /** Most stock rows one reconciliation pass reads; it continues where it stopped next time. */
    @WithDefault("100000")
    int reconcileRowsPerPass();
}
