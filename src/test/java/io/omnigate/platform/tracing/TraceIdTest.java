package io.omnigate.platform.tracing;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.TestApi.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** A support ticket quoting a problem's traceId leads to the trace of that request and its SQL. */
@QuarkusTest
class TraceIdTest {

    @Inject
    RecordedSpans spans;

    @Test
    void problemCarriesTheTraceIdTheCallerSent() {
        String traceId = randomHex(16);
        admin().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .get("/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("traceId", equalTo(traceId));
        admin().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .contentType("application/json")
                .body("{\"lines\":")
                .post("/v1/orders")
                .then()
                .statusCode(400)
                .body("traceId", equalTo(traceId));
    }

    @Test
    void problemWithoutTraceparentStartsANewTrace() {
        admin().get("/v1/nothing-here").then().statusCode(404).body("traceId", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void aRequestAndItsSqlStatementsShareOneTrace() {
        String traceId = randomHex(16);
        admin().header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .get("/v1/orders/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("traceId", equalTo(traceId));
        eventually(Duration.ofSeconds(10), () -> {
            List<SpanData> trace = spans.ofTrace(traceId);
            assertTrue(trace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER), "server span: " + trace);
            assertTrue(
                    trace.stream()
                            .anyMatch(s -> s.getKind() == SpanKind.CLIENT
                                    && s.getAttributes().asMap().keySet().stream()
                                            .map(AttributeKey::getKey)
                                            .anyMatch(k -> k.startsWith("db."))),
                    "SQL span: " + trace);
        });
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never the all-zero (invalid) id
        return HexFormat.of().formatHex(random);
    }
}
