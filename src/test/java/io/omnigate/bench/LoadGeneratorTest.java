package io.omnigate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's load generator against a small real HTTP server: every call sent is answered and counted. */
class LoadGeneratorTest {

    Vertx vertx;
    HttpServer server;
    final AtomicLong served = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    served.incrementAndGet();
                    int status = request.path().equals("/fail") ? 503 : 200;
                    request.response().setStatusCode(status).end("{\"ok\":true}");
                }))
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void openLoopAnswersEveryCallAtItsRate() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(URI.create("http://localhost:" + server.actualPort()), 16)) {
            LoadGenerator.Run run = generator.openLoop(
                    LoadGenerator.Schedule.constant(2_000, Duration.ofSeconds(2)),
                    1024,
                    () -> new LoadGenerator.Call("/v1/availability", "token", "{\"lines\":[]}"),
                    Duration.ofSeconds(10));
            assertEquals(4_000, run.sent());
            assertEquals(4_000, run.ok(), "errors " + run.errorKinds());
            assertEquals(0, run.errors());
            assertEquals(Map.of(), run.errorKinds());
            assertEquals(4_000, served.get());
            // paced, never ahead of its schedule; how far behind it falls depends on the machine's
            // load, so no lower bound (a busy CI machine reached 1,100/s of 2,000)
            assertTrue(run.seconds() >= 1.9, "lasted " + run.seconds() + " s");
            assertTrue(run.perSecond() < 2_500, "achieved " + run.perSecond());
        }
    }

    @Test
    void closedLoopCountsErrorsByKind() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(URI.create("http://localhost:" + server.actualPort()), 8)) {
            LoadGenerator.Run run =
                    generator.closedLoop(8, Duration.ofMillis(500), () -> new LoadGenerator.Call("/fail", null, null));
            assertTrue(run.sent() > 0);
            assertEquals(0, run.ok());
            assertEquals(run.sent(), run.errors());
            assertEquals(Map.of("HTTP 503", run.sent()), run.errorKinds());
        }
    }

    @Test
    void aRampSpreadsItsCallsFromTheLowRateToTheHighOne() {
        LoadGenerator.Schedule ramp = LoadGenerator.Schedule.ramp(100, 1_000, Duration.ofSeconds(10));
        assertEquals(5_500, ramp.calls(), "(100 + 1000) / 2 calls a second for 10 s");
        assertEquals(0, ramp.offsetNanos(0));
        double firstGap = ramp.offsetNanos(1) / 1e9;
        double lastGap = (ramp.offsetNanos(ramp.calls() - 1) - ramp.offsetNanos(ramp.calls() - 2)) / 1e9;
        assertEquals(0.01, firstGap, 0.001, "100 calls a second at the start");
        assertEquals(0.001, lastGap, 0.0002, "1,000 calls a second at the end");
        assertTrue(ramp.offsetNanos(ramp.calls() - 1) <= 10_000_000_000L);
    }
}
