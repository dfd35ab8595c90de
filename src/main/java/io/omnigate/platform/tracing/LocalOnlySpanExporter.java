package io.omnigate.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps traces inside the process unless OTLP export is switched on: spans still exist (their trace
 * ids reach logs and problem answers) but nothing tries to connect to a collector. Quarkus installs
 * its OTLP exporter only when no other {@link SpanExporter} bean is available, and this one is
 * available unless {@code omnigate.tracing.otlp-export=true} (env {@code OMNIGATE_TRACING_OTLP_EXPORT}),
 * read at start-up; the collector is then {@code quarkus.otel.exporter.otlp.endpoint}.
 */
@Singleton
@Unremovable
@LookupUnlessProperty(name = "omnigate.tracing.otlp-export", stringValue = "true")
public class LocalOnlySpanExporter implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
