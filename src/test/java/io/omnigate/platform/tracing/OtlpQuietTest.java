package io.omnigate.platform.tracing;

import static io.omnigate.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** With no collector configured, traced requests never dial Quarkus' default OTLP port 4317. */
@QuarkusTest
class OtlpQuietTest {

    static final int DEFAULT_OTLP_PORT = 4317;

    @Inject
    @Any
    Instance<SpanProcessor> processors;

    @Test
    void nothingDialsTheDefaultCollector() throws IOException {
        FakeCollector collector;
        try {
            collector = FakeCollector.listen(DEFAULT_OTLP_PORT);
        } catch (IOException busy) {
            Assumptions.abort("OtlpQuietTest skipped: port 4317 is taken by another process on this machine");
            return;
        }
        try (collector) {
            for (int i = 0; i < 5; i++) {
                admin().get("/v1/nothing-here").then().statusCode(404);
            }
            flush(processors);
            assertEquals(0, collector.connections(), "connections to localhost:4317 with no collector configured");
        }
    }

    /** Hands every batched span to its exporter now rather than on the exporter's schedule. */
    static void flush(Instance<SpanProcessor> processors) {
        processors.forEach(p -> p.forceFlush().join(10, TimeUnit.SECONDS));
    }
}
