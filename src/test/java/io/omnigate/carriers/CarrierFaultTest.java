package io.omnigate.carriers;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.omnigate.Eventually.eventually;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.TestApi;
import io.omnigate.availability.TestClock;
import io.omnigate.platform.tracing.RecordedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Availability with real local HTTP carriers that are slow, failing or down. */
@QuarkusTest
@QuarkusTestResource(value = CarrierStubs.class, restrictToAnnotatedClass = true)
class CarrierFaultTest {

    private static final double LAT = 10.0;
    private static final double LON = -150.0;
    private static final String SKU = "FT-SKU-1";
    private static final String STORE = "FT-S-1";

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    @Inject
    RecordedSpans spans;

    @BeforeEach
    void network() {
        clock.set(Instant.parse("2026-03-11T09:00:00Z"));
        TestApi.putSkus(SKU);
        Map<String, Object> dc = new HashMap<>();
        dc.put("type", "DC");
        dc.put("name", "Fault DC");
        dc.put("lat", LAT);
        dc.put("lon", LON + 0.5);
        dc.put("timeZone", "Europe/Rome");
        dc.put("capabilities", List.of("SHIP_FROM"));
        TestApi.putLocation(CarrierStubs.ORIGIN, dc);
        Map<String, Object> store = new HashMap<>(TestApi.store(LAT, LON + 0.01, "PICKUP"));
        store.put("openingHours", Map.of("WEDNESDAY", List.of(Map.of("open", "00:00", "close", "23:00"))));
        TestApi.putLocation(STORE, store);
        for (String location : List.of(CarrierStubs.ORIGIN, STORE)) {
            pool.preparedQuery("insert into stock (location_id, sku, on_hand, reserved, safety_stock)"
                            + " values ($1, $2, 10, 0, 0) on conflict do nothing")
                    .execute(Tuple.of(location, SKU))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            pool.preparedQuery("update location set stock_synced_at = now() + interval '1 day' where id = $1")
                    .execute(Tuple.of(location))
                    .await()
                    .atMost(Duration.ofSeconds(10));
        }
    }

    /** One request first, so timings measure the call and not class loading on a cold JVM. */
    private static boolean warmedUp;

    private void warmUp() {
        if (!warmedUp) {
            TestApi.admin().body(request(2000)).post("/v1/availability").then().statusCode(200);
            warmedUp = true;
        }
    }

    @AfterEach
    void releaseClock() {
        clock.reset();
    }

    private static Map<String, Object> request(int deadlineMs) {
        return request(deadlineMs, LAT);
    }

    /** At another latitude the carrier's answer cannot come from the quote cache (keyed by destination). */
    private static Map<String, Object> request(int deadlineMs, double lat) {
        return Map.of(
                "lines", List.of(Map.of("sku", SKU, "qty", 1)),
                "destination", Map.of("lat", lat, "lon", LON, "country", "US"),
                "methods", List.of("PICKUP", "SHIP"),
                "deadlineMs", deadlineMs);
    }

    /**
     * Room for a loaded machine: the slow carrier hangs 5 s, so an answer within deadline + 2 s
     * still proves the deadline cut it off without timing the gateway itself (the benchmark does).
     */
    static final long SLACK_MS = 2_000;

    @Test
    void aCarrierCallIsTracedAsPartOfTheAvailabilityRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        TestApi.admin()
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                // a destination of its own: a cached quote from another test would make no carrier call
                .body(request(2000, LAT + 0.002 + ThreadLocalRandom.current().nextInt(1, 900) / 100_000.0))
                .post("/v1/availability")
                .then()
                .statusCode(200);
        // The rating request names the parcel size as its plain name (the carrier's wire form).
        CarrierStubs.server.verify(postRequestedFor(urlEqualTo("/good/quotes"))
                .withHeader("traceparent", containing(traceId))
                .withRequestBody(matchingJsonPath("$.parcelSize", equalTo("M"))));
        eventually(
                Duration.ofSeconds(10),
                () -> assertTrue(
                        spans.ofTrace(traceId).stream()
                                .anyMatch(span -> span.getKind() == SpanKind.CLIENT
                                        && span.getAttributes().asMap().values().stream()
                                                .anyMatch(v -> String.valueOf(v).contains("/good/quotes"))),
                        "a client span for the carrier call in " + spans.ofTrace(traceId)));
    }

    @Test
    void slowFailingAndDownCarriersDegradeTheAnswerWithinItsDeadline() {
        warmUp();
        long started = System.nanoTime();
        Response response = TestApi.admin().body(request(600)).post("/v1/availability");
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        JsonPath answer = response.then()
                .statusCode(200)
                .body("degraded", org.hamcrest.Matchers.is(true))
                .body("warnings", hasItem(containsString("carrier slow")))
                .body("warnings", hasItem(containsString("carrier broken")))
                .body("warnings", hasItem(containsString("carrier down")))
                .extract()
                .jsonPath();
        assertTrue(elapsedMs < 600 + SLACK_MS, "answered in " + elapsedMs + " ms");

        List<Map<String, Object>> ship = answer.getList("options.findAll { it.method == 'SHIP' }");
        Map<String, Object> good = ship.stream()
                .filter(o -> "good".equals(o.get("carrier")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no quote from the good carrier: " + ship));
        assertEquals("NEXT_DAY", good.get("service"));
        assertEquals(7.5f, ((Number) ((Map<?, ?>) good.get("price")).get("amount")).floatValue(), 0.001);
        assertEquals("2026-03-12", good.get("promisedBy"));
        assertTrue(ship.stream().anyMatch(o -> "omnigate-post".equals(o.get("carrier"))), ship.toString());
        assertEquals(STORE, answer.getString("options.find { it.method == 'PICKUP' }.locationId"));
    }

    @Test
    void aShortDeadlineIsKeptEvenWhileACarrierHangs() {
        warmUp();
        long started = System.nanoTime();
        Response response = TestApi.admin().body(request(100)).post("/v1/availability");
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        response.then()
                .statusCode(200)
                .body("degraded", org.hamcrest.Matchers.is(true))
                .body("warnings", hasItem(containsString("carrier slow")));
        assertTrue(elapsedMs < 100 + SLACK_MS, "answered in " + elapsedMs + " ms");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailures() {
        String last = null;
        for (int i = 0; i < 8; i++) {
            last = TestApi.admin()
                    .body(request(600))
                    .post("/v1/availability")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getString("warnings.find { it.startsWith('carrier broken') }");
        }
        int calls = CarrierStubs.server
                .countRequestsMatching(
                        postRequestedFor(urlEqualTo("/broken/quotes")).build())
                .getCount();
        assertTrue(calls <= 4, "the broken carrier was called " + calls + " times");
        assertEquals("carrier broken: circuit open", last);
    }
}
