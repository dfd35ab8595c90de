package io.omnigate.kpis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Fulfillment KPIs: the API's window limit and the live Prometheus gauges. */
@ConfigMapping(prefix = "omnigate.kpis")
public interface KpisConfig {

    /** The longest window one {@code GET /v1/kpis} may ask for, in days. */
    @WithDefault("92")
    int maxDays();

    /** How often each instance recomputes the live gauges (today and yesterday, all locations); 0 turns them off. */
    @WithDefault("PT1M")
    Duration liveRefresh();
}
