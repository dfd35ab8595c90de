package io.omnigate.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhook deliveries: how often, how many at once, how long a target gets and how long we retry. */
@ConfigMapping(prefix = "omnigate.webhooks")
public interface WebhooksConfig {

    /** Whether this instance delivers webhooks (any number of instances may; they share the work). */
    @WithDefault("true")
    boolean enabled();

    /** How often each instance looks for new events and due retries. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Outbox events turned into deliveries per query, per subscription. */
    @WithDefault("200")
    int batchSize();

    /** Requests one instance has open to one subscriber at most (each for a different order). */
    @WithDefault("4")
    int maxInFlight();

    /** How long a target has to answer one delivery; a slower answer counts as a failure. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The wait before the first retry; each further retry waits twice as long, with jitter. */
    @WithDefault("PT5S")
    Duration initialBackoff();

    /** The longest wait between two retries. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long after its first attempt a failing delivery is retried before it is parked. */
    @WithDefault("P3D")
    Duration retryFor();

    /** Delivered and parked deliveries stay in the log this long. */
    @WithDefault("P14D")
    Duration logRetention();

    /** Characters of a target's answer kept in the delivery log. */
    @WithDefault("1024")
    int responseSnippet();
}
