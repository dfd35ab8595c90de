package io.omnigate.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Drops spans (which {@link CollectorAwareSampler} does not even record) while no OTLP collector is configured, so tests, dev mode and an
 * unconfigured deployment never dial Quarkus' default {@code localhost:4317}. Quarkus installs its
 * OTLP exporter only when no {@link SpanExporter} bean can be looked up, and this one can be looked
 * up only while the traces endpoint is still Quarkus' default: neither
 * {@code quarkus.otel.exporter.otlp.endpoint} nor {@code quarkus.otel.exporter.otlp.traces.endpoint}
 * was set (the second falls back to the first, which defaults to {@value #QUARKUS_DEFAULT_ENDPOINT}).
 */
@Singleton
@Unremovable
@LookupIfProperty(
        name = "quarkus.otel.exporter.otlp.traces.endpoint",
        stringValue = NoCollectorSpanExporter.QUARKUS_DEFAULT_ENDPOINT,
        lookupIfMissing = true)
public class NoCollectorSpanExporter implements SpanExporter {

    static final String QUARKUS_DEFAULT_ENDPOINT = "http://localhost:4317/";

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
