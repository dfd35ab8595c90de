package io.omnigate.inventory;

import static io.omnigate.TestApi.admin;
import static io.omnigate.TestApi.putLocation;
import static io.omnigate.TestApi.putSkus;
import static io.omnigate.TestApi.store;
import static io.omnigate.TestApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InventoryResourceTest {

    @Inject
    Pool pool;

    String location;
    String sku;
    String otherSku;

    @BeforeEach
    void network() {
        location = unique("INV");
        sku = unique("SKU");
        otherSku = unique("SKU");
        putLocation(location, store(10.0, 10.0, "PICKUP"));
        putSkus(sku, otherSku);
    }

    private Map<String, Object> adjustment(String eventId, int delta) {
        return Map.of(
                "eventId", eventId,
                "locationId", location,
                "sku", sku,
                "delta", delta,
                "reason", "RECEIPT",
                "occurredAt", OffsetDateTime.now().toString());
    }

    private int onHand(String skuId) {
        return pool.preparedQuery("select on_hand from stock where location_id = $1 and sku = $2")
                .execute(Tuple.of(location, skuId))
                .map(rows -> rows.size() == 0 ? -1 : rows.iterator().next().getInteger("on_hand"))
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    private void reserve(String skuId, int qty) {
        pool.preparedQuery("update stock set reserved = reserved + $3 where location_id = $1 and sku = $2")
                .execute(Tuple.of(location, skuId, qty))
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    @Test
    void repeatedEventIdIsAppliedOnce() {
        String eventId = unique("evt");
        admin().body(List.of(adjustment(eventId, 7)))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200)
                .body("applied", is(1));
        admin().body(List.of(adjustment(eventId, 7), adjustment(unique("evt"), -2)))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200)
                .body("applied", is(1))
                .body("duplicates", is(1));

        assertEquals(5, onHand(sku));
    }

    @Test
    void theSameBatchSentInParallelIsAppliedOnce() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(adjustment(unique("par"), 1));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                senders.add(() -> admin().body(batch)
                        .post("/v1/inventory/adjustments")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("applied"));
            }
            int applied = 0;
            for (Future<Integer> result : threads.invokeAll(senders)) {
                applied += result.get();
            }
            assertEquals(20, applied);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(20, onHand(sku));
    }

    @Test
    void unknownSkuOrLocationRefusesTheWholeBatch() {
        Map<String, Object> unknownSku = Map.of(
                "eventId",
                unique("evt"),
                "locationId",
                location,
                "sku",
                "NO-SUCH-SKU",
                "delta",
                3,
                "reason",
                "RECEIPT",
                "occurredAt",
                OffsetDateTime.now().toString());
        admin().body(List.of(adjustment(unique("evt"), 4), unknownSku))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("NO-SUCH-SKU"));
        assertEquals(-1, onHand(sku));
    }

    @Test
    void badAdjustmentsAre400AndChangeNothing() {
        admin().body(List.of()).post("/v1/inventory/adjustments").then().statusCode(400);
        admin().body("[{\"eventId\": \"x\", \"delta\": \"many\"}]")
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("[0].delta"));
        Map<String, Object> noEvent = Map.of(
                "locationId", location, "sku", sku, "delta", 3, "reason", "R", "occurredAt", "2026-01-01T00:00:00Z");
        admin().body(List.of(noEvent))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem(containsString("eventId")));
        admin().body("not json").post("/v1/inventory/adjustments").then().statusCode(400);
        assertEquals(-1, onHand(sku));
    }

    @Test
    void negativeDeltasNeverTakeStockBelowZeroAndAtpNeverNegative() {
        admin().body(List.of(adjustment(unique("evt"), 2))).post("/v1/inventory/adjustments");
        admin().body(List.of(adjustment(unique("evt"), -5))).post("/v1/inventory/adjustments");
        assertEquals(0, onHand(sku));

        admin().body(List.of(adjustment(unique("evt"), 3))).post("/v1/inventory/adjustments");
        reserve(sku, 3);
        admin().get("/v1/inventory/{sku}", sku)
                .then()
                .statusCode(200)
                .body("locations.find { it.locationId == '" + location + "' }.atp", is(0))
                .body("locations.find { it.locationId == '" + location + "' }.reserved", is(3));
    }

    @Test
    void jsonSnapshotReplacesCountsKeepsReservationsAndZeroesMissingSkus() {
        admin().body(List.of(adjustment(unique("evt"), 10))).post("/v1/inventory/adjustments");
        reserve(sku, 2);

        admin().body(Map.of(
                        "asOf",
                        OffsetDateTime.now().toString(),
                        "items",
                        List.of(Map.of("sku", otherSku, "onHand", 4))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200)
                .body("lines", is(1))
                .body("zeroed", is(1));

        assertEquals(0, onHand(sku));
        assertEquals(4, onHand(otherSku));
        int reserved = pool.preparedQuery("select reserved from stock where location_id = $1 and sku = $2")
                .execute(Tuple.of(location, sku))
                .map(rows -> rows.iterator().next().getInteger("reserved"))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertEquals(2, reserved);
    }

    @Test
    void staleSnapshotIsRefused() {
        OffsetDateTime now = OffsetDateTime.now();
        admin().body(Map.of("asOf", now.toString(), "items", List.of(Map.of("sku", sku, "onHand", 5))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200);
        admin().body(Map.of("asOf", now.minusMinutes(5).toString(), "items", List.of(Map.of("sku", sku, "onHand", 9))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(409)
                .body("type", containsString("stale-snapshot"));
        assertEquals(5, onHand(sku));
    }

    @Test
    void adjustmentsAfterTheSnapshotTimeAreReplayedOnTop() {
        OffsetDateTime asOf = OffsetDateTime.now().minusMinutes(10);
        admin().body(List.of(adjustment(unique("evt"), -1))).post("/v1/inventory/adjustments");
        admin().body(Map.of("asOf", asOf.toString(), "items", List.of(Map.of("sku", sku, "onHand", 8))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200);
        assertEquals(7, onHand(sku));
    }

    @Test
    void ndjsonAndCsvSnapshotsStream() {
        String ndjson = "{\"sku\":\"" + sku + "\",\"onHand\":3}\n{\"sku\":\"" + otherSku + "\",\"onHand\":6}\n";
        admin().contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .queryParam("asOf", OffsetDateTime.now().minusMinutes(1).toString())
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200)
                .body("lines", is(2));
        assertEquals(6, onHand(otherSku));

        String csv = "sku,onHand\n" + sku + ",11\n" + otherSku + ",0\n";
        admin().contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("asOf", OffsetDateTime.now().toString())
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200);
        assertEquals(11, onHand(sku));
        assertEquals(0, onHand(otherSku));
    }

    @Test
    void badSnapshotsChangeNothing() {
        admin().body(Map.of(
                        "asOf",
                        OffsetDateTime.now().minusHours(1).toString(),
                        "items",
                        List.of(Map.of("sku", sku, "onHand", 5))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200);
        String now = OffsetDateTime.now().toString();

        admin().body(Map.of("asOf", now, "items", List.of(Map.of("sku", sku, "onHand", -1))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(400)
                .body("detail", containsString("line 1"));
        admin().body(Map.of(
                        "asOf",
                        now,
                        "items",
                        List.of(Map.of("sku", sku, "onHand", 1), Map.of("sku", sku, "onHand", 2))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(400);
        admin().body(Map.of("asOf", now, "items", List.of(Map.of("sku", "NOT-IN-CATALOGUE", "onHand", 1))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(422)
                .body("detail", containsString("NOT-IN-CATALOGUE"));
        admin().body(Map.of("items", List.of(Map.of("sku", sku, "onHand", 1))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(400)
                .body("errors[0].field", is("asOf"));
        admin().contentType("text/csv")
                .body(("sku,onHand\n" + sku + ",lots\n").getBytes(StandardCharsets.UTF_8))
                .queryParam("asOf", now)
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(400);
        admin().body("{\"asOf\": \"" + now + "\", \"items\": [")
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(400);
        admin().body(Map.of("asOf", now, "items", List.of()))
                .put("/v1/locations/{id}/inventory", "NO-SUCH-LOCATION")
                .then()
                .statusCode(404);

        assertEquals(5, onHand(sku));
    }

    @Test
    void largeNdjsonSnapshotIsIngested() {
        int lines = 20_000;
        List<Map<String, String>> skus = new ArrayList<>();
        String prefix = unique("BULK");
        for (int i = 0; i < lines; i++) {
            skus.add(Map.of("sku", prefix + "-" + i, "name", "bulk"));
        }
        admin().body(skus.subList(0, lines / 2)).post("/v1/skus").then().statusCode(200);
        admin().body(skus.subList(lines / 2, lines)).post("/v1/skus").then().statusCode(200);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            body.append("{\"sku\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"onHand\":")
                    .append(i % 7)
                    .append("}\n");
        }
        admin().contentType("application/x-ndjson")
                .body(body.toString().getBytes(StandardCharsets.UTF_8))
                .queryParam("asOf", OffsetDateTime.now().toString())
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200)
                .body("lines", is(lines));
        assertEquals(6, onHand(prefix + "-13"));
    }

    @Test
    void inboundAndSafetyStockShowInAtp() {
        admin().body(List.of(adjustment(unique("evt"), 10))).post("/v1/inventory/adjustments");
        admin().body(Map.of(
                        "locationId",
                        location,
                        "sku",
                        sku,
                        "qty",
                        12,
                        "eta",
                        OffsetDateTime.now().plusDays(1).toString()))
                .post("/v1/inventory/inbound")
                .then()
                .statusCode(201)
                .body("qty", is(12));
        admin().body(List.of(Map.of("locationId", location, "sku", sku, "safetyStock", 4)))
                .put("/v1/inventory/safety-stock")
                .then()
                .statusCode(200);

        JsonPath atp = admin().get("/v1/inventory/{sku}?near=10.0,10.0&radiusKm=5", sku)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(location, atp.getString("locations[0].locationId"));
        assertEquals(6, atp.getInt("locations[0].atp"));
        assertEquals(4, atp.getInt("locations[0].safetyStock"));
        assertEquals(12, atp.getInt("locations[0].nextInbound.qty"));
        assertEquals("LIVE", atp.getString("locations[0].source"));
    }

    @Test
    void badInboundAndUnknownSku() {
        admin().body(Map.of(
                        "locationId",
                        location,
                        "sku",
                        sku,
                        "qty",
                        0,
                        "eta",
                        OffsetDateTime.now().toString()))
                .post("/v1/inventory/inbound")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("qty"));
        admin().body(Map.of(
                        "locationId",
                        location,
                        "sku",
                        "NOPE",
                        "qty",
                        1,
                        "eta",
                        OffsetDateTime.now().toString()))
                .post("/v1/inventory/inbound")
                .then()
                .statusCode(422);
        admin().get("/v1/inventory/{sku}", "NOPE").then().statusCode(404);
    }
}
