package io.omnigate.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Without a collector no span is recorded, yet every request still gets a trace id. */
class CollectorAwareSamplerTest {

    @Test
    void noCollectorMeansSpansAreDroppedButStillCarryATraceId() {
        CollectorAwareSampler sampler =
                new CollectorAwareSampler(config(Map.of()), () -> false, "parentbased_always_on", 1.0);
        try (SdkTracerProvider provider =
                SdkTracerProvider.builder().setSampler(sampler).build()) {
            Span span = provider.get("test").spanBuilder("POST /v1/orders").startSpan();
            assertFalse(span.isRecording());
            try (Scope ignored = span.makeCurrent()) {
                String traceId = TraceIds.current();
                assertNotNull(traceId);
                assertEquals(32, traceId.length());
            }
            span.end();
        }
    }

    @Test
    void aCollectorOrTheTestSwitchRecordsAsConfigured() {
        for (CollectorAwareSampler sampler : new CollectorAwareSampler[] {
            new CollectorAwareSampler(
                    config(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")),
                    () -> false,
                    "parentbased_always_on",
                    1.0),
            new CollectorAwareSampler(config(Map.of()), () -> true, "parentbased_always_on", 1.0)
        }) {
            try (SdkTracerProvider provider =
                    SdkTracerProvider.builder().setSampler(sampler).build()) {
                Span span = provider.get("test").spanBuilder("GET /q/health").startSpan();
                assertTrue(span.isRecording(), sampler.getDescription());
                span.end();
            }
        }
    }

    @Test
    void theDefaultEndpointIsNoCollectorAndALocalOneWithoutTheSlashIs() {
        assertFalse(CollectorAwareSampler.collectorConfigured(config(Map.of())));
        assertFalse(CollectorAwareSampler.collectorConfigured(
                config(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317/"))));
        assertTrue(CollectorAwareSampler.collectorConfigured(
                config(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317"))));
    }

    @Test
    void samplersAreTheSdkNamesAndAnUnknownOneStopsTheStart() {
        assertTrue(CollectorAwareSampler.configured("traceidratio", 0.1)
                .getDescription()
                .startsWith("TraceIdRatioBased{0.1"));
        assertTrue(CollectorAwareSampler.configured("parentbased_traceidratio", 0.1)
                .getDescription()
                .startsWith("ParentBased{root:TraceIdRatioBased{0.1"));
        assertThrows(IllegalArgumentException.class, () -> CollectorAwareSampler.configured("sometimes", 1.0));
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", values) {})
                .build();
    }
}
