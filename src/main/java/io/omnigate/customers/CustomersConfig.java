package io.omnigate.customers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Customer contact data, the carrier shipment notices of the sharing gate, and consent metrics. */
@ConfigMapping(prefix = "omnigate.customers")
public interface CustomersConfig {

    /**
     * Secret from which the contact-data sealing key is derived. Unset: derived from the token
     * signing key, as pickup codes are. Set it (32+ characters, the same on every instance) to rotate
     * signing keys without losing stored contact data.
     */
    Optional<String> contactSecret();

    /** How often each instance sends the shipment notices owed to HTTP carriers. */
    @WithDefault("PT1S")
    Duration noticeInterval();

    /** Longest wait for one carrier to take a shipment notice. */
    @WithDefault("PT2S")
    Duration noticeTimeout();

    /** Attempts per notice before it is marked FAILED (retried with growing pauses until then). */
    @WithDefault("8")
    int noticeAttempts();

    /** How often the opt-in rate gauges are recomputed from the ledger. */
    @WithDefault("PT30S")
    Duration metricsInterval();
}
