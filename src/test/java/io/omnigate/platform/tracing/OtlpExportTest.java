package io.omnigate.platform.tracing;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a collector configured at start-up, spans are exported to it over OTLP. */
@QuarkusTest
@QuarkusTestResource(value = OtlpExportTest.Collector.class, restrictToAnnotatedClass = true)
class OtlpExportTest {

    static FakeCollector collector;

    @Inject
    @Any
    Instance<SpanProcessor> processors;

    @Test
    void spansGoToTheConfiguredCollector() {
        int before = collector.connections();
        admin().get("/v1/nothing-here").then().statusCode(404);
        eventually(Duration.ofSeconds(20), () -> {
            OtlpQuietTest.flush(processors);
            assertTrue(collector.connections() > before, "the exporter dialled the configured collector");
        });
    }

    /** Starts the stand-in collector before the app and points the OTLP endpoint at it. */
    public static class Collector implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                collector = FakeCollector.listen(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + collector.port());
        }

        @Override
        public void stop() {
            try {
                collector.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
