package io.omnigate.platform.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tracing settings of omnigate's own (the OpenTelemetry ones are Quarkus' {@code quarkus.otel.*}). */
@ConfigMapping(prefix = "omnigate.tracing")
public interface TracingConfig {

    /**
     * Records spans even when no OTLP collector is configured. Off: such spans would be dropped by
     * the exporter anyway, so they are dropped at their start and cost nothing ({@link
     * CollectorAwareSampler}). On for tests, whose span processor reads them.
     */
    @WithDefault("false")
    boolean recordWithoutCollector();
}
