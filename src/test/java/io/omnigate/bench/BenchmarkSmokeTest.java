package io.omnigate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Runs every benchmark phase in a tiny mode against the test application so the benchmark cannot rot. */
@QuarkusTest
class BenchmarkSmokeTest {

    @Test
    void everyPhaseRunsAndWritesItsReport() throws Exception {
        double lat = -45 + ThreadLocalRandom.current().nextDouble(0, 5);
        double lon = 100 + ThreadLocalRandom.current().nextDouble(0, 20);
        String dc = TestApi.unique("BDC");
        Map<String, Object> body = new HashMap<>(TestApi.store(lat, lon, "SHIP_FROM"));
        body.put("type", "DC");
        body.put("defaultSafetyStock", 0);
        TestApi.putLocation(dc, body);
        List<String> skus = new ArrayList<>();
        List<Map<String, Object>> adjustments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sku = TestApi.unique("BSKU");
            skus.add(sku);
            adjustments.add(Map.of(
                    "eventId",
                    UUID.randomUUID().toString(),
                    "locationId",
                    dc,
                    "sku",
                    sku,
                    "delta",
                    100_000,
                    "reason",
                    "RECEIPT",
                    "occurredAt",
                    Instant.now().minusSeconds(60).toString()));
        }
        TestApi.putSkus(skus.toArray(String[]::new));
        TestApi.admin()
                .body(adjustments)
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
        List<String> stores = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String store = TestApi.unique("BST");
            TestApi.putLocation(store, TestApi.store(lat + 0.01 * i, lon, "PICKUP"));
            stores.add(store);
        }
        Config config = ConfigProvider.getConfig();
        BenchDatabase.Target db = BenchDatabase.Target.of(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        Path out = Path.of("target/bench-smoke");

        Benchmark.Results results = Benchmark.run(
                new Benchmark.Options(
                        "http://localhost:" + RestAssured.port,
                        TestApi.bootstrapSecret(),
                        false,
                        "none",
                        Path.of("unused"),
                        out,
                        skus,
                        List.of(new double[] {lat, lon}),
                        dc,
                        20,
                        Duration.ofSeconds(1),
                        List.of(20),
                        Duration.ofSeconds(2),
                        16,
                        2,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        5,
                        Integer.MAX_VALUE,
                        db,
                        new SsePhase.Settings(20, 5, 3, 40, Duration.ofSeconds(3), stores)),
                "smoke");

        assertEquals(1, results.availability().size());
        CapacityProbe.Capacity capacity = results.capacity();
        assertEquals(0, capacity.availabilityErrors(), capacity.toString());
        assertTrue(capacity.livePerSecond() > 0 && capacity.ratio() > 0, capacity.toString());
        Benchmark.AvailabilityStep step = results.availability().get(0);
        assertEquals(40, step.sent());
        assertEquals(40, step.ok(), "every availability call answers 200");
        assertTrue(step.p50Ms() > 0 && step.p99Ms() >= step.p50Ms() && step.maxMs() >= step.p99Ms());
        assertTrue(step.achievedRate() > 5, "achieved " + step.achievedRate());
        Benchmark.OrderThroughput orders = results.orders();
        assertTrue(orders.created() > 0, "some orders placed");
        assertEquals(0, orders.errors());
        assertTrue(orders.p50Ms() > 0);
        assertTrue(orders.reference().transactions() > 0, "the write reference ran: " + orders.reference());
        assertTrue(orders.referenceRatio() > 0, "orders/s as a ratio to the reference");
        Benchmark.Burst burst = results.burst();
        assertEquals(5, burst.created());
        assertEquals(15, burst.refused());
        assertTrue(burst.noOversell());
        BenchDatabase.Audit audit = results.audit();
        assertTrue(audit.passed(), audit.toString());
        assertTrue(audit.rows() >= 5, "the orders touched the DC's rows: " + audit);
        assertEquals(5, audit.hotTaken());
        assertEquals(5, audit.hotStocked());
        SsePhase.Result sse = results.sse();
        assertEquals(20, sse.opened());
        assertEquals(15, sse.locationStreams());
        assertTrue(sse.eventsInWindow() >= 100, "events flowed: " + sse);
        assertTrue(sse.framesExpected() > sse.eventsInWindow(), "location events fan out to 5 streams each: " + sse);
        assertEquals(0, sse.lost(), "no stream misses an event: " + sse);
        assertEquals(0, sse.duplicates());
        assertEquals(0, sse.dropped());
        assertTrue(sse.framesReceived() >= sse.framesExpected());
        assertTrue(sse.p50Ms() > 0 && sse.p99Ms() >= sse.p50Ms(), sse.toString());
        assertTrue(sse.heapMaxBytes() > 0 && sse.serverStreamsMax() >= 20, sse.toString());
        SsePhase.Pipeline pipeline = sse.pipeline();
        assertTrue(pipeline.events() >= 100, "SQL-written events flowed: " + pipeline);
        assertTrue(pipeline.framesExpected() > pipeline.events(), "and fanned out: " + pipeline);
        assertEquals(0, pipeline.lost(), pipeline.toString());
        assertEquals(0, pipeline.duplicates(), pipeline.toString());
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"noOversell\": true") && json.contains("\"lost\": 0"), json);
        String html = Files.readString(out.resolve("latency.html"));
        assertTrue(html.contains("<svg") && html.contains("polyline") && !html.contains("<script"), html);
        String table = Benchmark.table(results);
        assertTrue(
                table.contains("zero oversell")
                        && table.contains("SSE commit-to-client latency")
                        && table.contains("SSE stream path alone"),
                table);
    }
}
