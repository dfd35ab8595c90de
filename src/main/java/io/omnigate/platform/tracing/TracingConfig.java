package io.omnigate.platform.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where traces go; see docs/operations.md, "Traces and logs". */
@ConfigMapping(prefix = "omnigate.tracing")
public interface TracingConfig {

    /**
     * Whether spans are exported over OTLP to {@code quarkus.otel.exporter.otlp.endpoint}; while
     * false they stay in the process (trace ids still reach logs and problem answers).
     */
    @WithDefault("false")
    boolean otlpExport();
}
