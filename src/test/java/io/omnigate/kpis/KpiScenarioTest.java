package io.omnigate.kpis;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KPIs against a hand-computed day: four fulfillments walked through the real workflow at one store
 * (Europe/Rome), their history then dated to a known schedule.
 */
@QuarkusTest
class KpiScenarioTest {

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private String store;
    private String sku;
    private String device;

    @BeforeEach
    void scenario() {
        fx = new OrderFixtures(pool);
        store = fx.store(0.01, "PICKUP", "SHIP_FROM");
        sku = fx.sku();
        fx.stock(store, sku, 50);
        device = TestApi.mint(Roles.STORE_DEVICE, store);

        // F1 collected: pick 08:10-08:30 (1200 s), ready 40 min after assignment (2400 s).
        dated(
                pickup(),
                "2026-03-10T08:00:00Z",
                Map.of(
                        "ACCEPTED",
                        "08:10",
                        "PICKING",
                        "08:15",
                        "PACKED",
                        "08:30",
                        "READY_FOR_PICKUP",
                        "08:40",
                        "PICKED_UP",
                        "10:00"));
        // F2 expired: pick 09:05-09:45 (2400 s), ready after 3600 s.
        dated(
                pickup(),
                "2026-03-10T09:00:00Z",
                Map.of(
                        "ACCEPTED",
                        "09:05",
                        "PICKING",
                        "09:06",
                        "PACKED",
                        "09:45",
                        "READY_FOR_PICKUP",
                        "10:00",
                        "EXPIRED",
                        "12:00"));
        // F3 rejected as damaged.
        dated(pickup(), "2026-03-10T10:00:00Z", Map.of("ACCEPTED", "10:01", "REJECTED", "10:20"));
        // F4 shipped: pick 11:10-11:40 (1800 s), delivered 28 h after assignment (100800 s).
        dated(
                ship(),
                "2026-03-10T11:00:00Z",
                Map.of(
                        "ACCEPTED",
                        "11:10",
                        "PICKING",
                        "11:20",
                        "PACKED",
                        "11:40",
                        "SHIPPED",
                        "12:00",
                        "DELIVERED",
                        "2026-03-11T15:00:00Z"));
        // F5: 23:30 UTC is already 11 March in Rome.
        dated(pickup(), "2026-03-10T23:30:00Z", Map.of());
    }

    @Test
    void aDayOfOneStoreMatchesTheHandComputedFigures() {
        TestApi.admin()
                .config(RestAssuredConfig.config()
                        .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .queryParam("from", "2026-03-10")
                .queryParam("to", "2026-03-11")
                .queryParam("locationId", store)
                .get("/v1/kpis")
                .then()
                .statusCode(200)
                .body("days.size()", is(2))
                .body("days[0].day", is("2026-03-10"))
                .body("days[0].fulfillments", is(4))
                .body("days[0].decided", is(4))
                .body("days[0].inaccurate", is(1))
                .body("days[0].accuracy", closeTo(0.75, 1e-9))
                .body("days[0].pickTime.count", is(3))
                .body("days[0].pickTime.avgSeconds", closeTo(1800, 1e-6))
                .body("days[0].pickTime.p50Seconds", closeTo(1800, 1e-6))
                .body("days[0].pickTime.p90Seconds", closeTo(2280, 1e-6))
                .body("days[0].timeToReady.count", is(2))
                .body("days[0].timeToReady.avgSeconds", closeTo(3000, 1e-6))
                .body("days[0].timeToReady.p90Seconds", closeTo(3480, 1e-6))
                .body("days[0].timeToDeliver.count", is(1))
                .body("days[0].timeToDeliver.avgSeconds", closeTo(100800, 1e-6))
                .body("days[0].pickedUp", is(1))
                .body("days[0].expired", is(1))
                .body("days[0].pickupRate", closeTo(0.5, 1e-9))
                .body("days[0].curbWait.count", is(0))
                .body("days[0].rejectReasons.DAMAGED", is(1))
                .body("days[1].day", is("2026-03-11"))
                .body("days[1].fulfillments", is(1))
                .body("days[1].accuracy", nullValue());
    }

    @Test
    void readinessAndDeliveryAreMeasuredAgainstThePromiseMadeAtPlacement() {
        // 12 March: ready 10 min after the promised 08:30 (late), then 30 min before 10:30 (on time).
        dated(pickup(Map.of("readyAt", "2026-03-12T08:30:00Z")), "2026-03-12T08:00:00Z", ready("08:40"));
        dated(pickup(Map.of("readyAt", "2026-03-12T10:30:00Z")), "2026-03-12T09:00:00Z", ready("10:00"));
        dated(pickup(), "2026-03-12T10:00:00Z", ready("10:20")); // no promise: not counted
        // Promised by 13 March: delivered 16:00 Rome time (on time), then 00:30 on the 14th in Rome (late).
        dated(ship(Map.of("promisedBy", "2026-03-13")), "2026-03-12T11:00:00Z", delivered("2026-03-13T15:00:00Z"));
        dated(ship(Map.of("promisedBy", "2026-03-13")), "2026-03-12T12:00:00Z", delivered("2026-03-13T23:30:00Z"));

        TestApi.admin()
                .config(RestAssuredConfig.config()
                        .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .queryParam("from", "2026-03-12")
                .queryParam("to", "2026-03-12")
                .queryParam("locationId", store)
                .get("/v1/kpis")
                .then()
                .statusCode(200)
                .body("days[0].fulfillments", is(5))
                .body("days[0].timeToReady.count", is(3))
                .body("days[0].readyOnTime.promised", is(2))
                .body("days[0].readyOnTime.onTime", is(1))
                .body("days[0].readyOnTime.rate", closeTo(0.5, 1e-9))
                .body("days[0].deliveredOnTime.promised", is(2))
                .body("days[0].deliveredOnTime.onTime", is(1))
                .body("days[0].deliveredOnTime.rate", closeTo(0.5, 1e-9));
    }

    @Test
    void daysWithoutPromisesHaveNoOnTimeRate() {
        TestApi.admin()
                .queryParam("from", "2026-03-10")
                .queryParam("to", "2026-03-10")
                .queryParam("locationId", store)
                .get("/v1/kpis")
                .then()
                .statusCode(200)
                .body("days[0].readyOnTime.promised", is(0))
                .body("days[0].readyOnTime.rate", nullValue())
                .body("days[0].deliveredOnTime.promised", is(0));
    }

    @Test
    void aPromiseThatIsNotATimeIsAProblem() {
        Map<String, Object> body = new HashMap<>(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        body.put("promise", Map.of("readyAt", "soon"));
        place(body).then().statusCode(400).contentType("application/problem+json");
    }

    private static Map<String, String> ready(String at) {
        return Map.of("ACCEPTED", at, "PICKING", at, "PACKED", at, "READY_FOR_PICKUP", at);
    }

    private static Map<String, String> delivered(String at) {
        return Map.of("ACCEPTED", "11:30", "PICKING", "11:40", "PACKED", "11:50", "SHIPPED", "12:30", "DELIVERED", at);
    }

    @Test
    void aStoreDeviceSeesOnlyItsOwnLocation() {
        RequestSpecification asDevice =
                TestApi.as(device).queryParam("from", "2026-03-10").queryParam("to", "2026-03-10");
        asDevice.get("/v1/kpis")
                .then()
                .statusCode(200)
                .body("locationId", is(store))
                .body("days[0].fulfillments", is(4));
        TestApi.as(device)
                .queryParam("locationId", "SOMEWHERE-ELSE")
                .get("/v1/kpis")
                .then()
                .statusCode(403);
        TestApi.as(TestApi.mint(Roles.CHECKOUT, null)).get("/v1/kpis").then().statusCode(403);
    }

    @Test
    void badWindowsAreProblems() {
        TestApi.admin()
                .queryParam("from", "2026-03-12")
                .queryParam("to", "2026-03-10")
                .get("/v1/kpis")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("from"));
        TestApi.admin().queryParam("from", "yesterday").get("/v1/kpis").then().statusCode(400);
        TestApi.admin()
                .queryParam("from", "2025-01-01")
                .queryParam("to", "2026-03-10")
                .get("/v1/kpis")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("to"));
    }

    private String pickup() {
        return pickup(null);
    }

    private String pickup(Map<String, String> promise) {
        return placed(OrderFixtures.pickup(store, List.of(line(sku, 1))), promise);
    }

    private String ship() {
        return ship(null);
    }

    private String ship(Map<String, String> promise) {
        Map<String, Object> body = Map.of(
                "method",
                "SHIP",
                "locationId",
                store,
                "destination",
                Map.of("lat", fx.lat, "lon", fx.lon),
                "lines",
                List.of(line(sku, 1)));
        return placed(body, promise);
    }

    /** Places the order (with the promise its availability option made, if any): its first fulfillment. */
    private static String placed(Map<String, Object> order, Map<String, String> promise) {
        Map<String, Object> body = new HashMap<>(order);
        if (promise != null) {
            body.put("promise", promise);
        }
        return place(body).then().statusCode(201).extract().path("fulfillments[0].id");
    }

    /** Parcels expire only by the expiry sweep: make this one overdue and wait for it. */
    private void expire(String fulfillmentId) {
        fx.sql("update fulfillment set ready_at = now() - interval '30 days' where id = $1", Tuple.of(fulfillmentId));
        eventually(
                Duration.ofSeconds(20),
                () -> assertEquals(
                        "EXPIRED",
                        fx.sql("select status from fulfillment where id = $1", Tuple.of(fulfillmentId))
                                .iterator()
                                .next()
                                .getString("status")));
    }

    /** Walks the fulfillment through {@code steps} (in workflow order) and dates each history row. */
    private void dated(String fulfillmentId, String assignedAt, Map<String, String> steps) {
        OffsetDateTime assigned = OffsetDateTime.parse(assignedAt);
        fx.sql("update fulfillment set created_at = $2 where id = $1", Tuple.of(fulfillmentId, assigned));
        for (String to : List.of(
                "ACCEPTED",
                "PICKING",
                "PACKED",
                "READY_FOR_PICKUP",
                "SHIPPED",
                "PICKED_UP",
                "DELIVERED",
                "EXPIRED",
                "REJECTED")) {
            String at = steps.get(to);
            if (at == null) {
                continue;
            }
            if (to.equals("EXPIRED")) {
                expire(fulfillmentId);
            } else {
                Map<String, Object> body =
                        to.equals("REJECTED") ? Map.of("to", to, "reason", "DAMAGED") : Map.of("to", to);
                TestApi.as(device)
                        .body(body)
                        .post("/v1/fulfillments/{id}/transitions", fulfillmentId)
                        .then()
                        .statusCode(200);
            }
            OffsetDateTime when = at.length() == 5
                    ? OffsetDateTime.parse(assignedAt.substring(0, 11) + at + ":00Z")
                    : OffsetDateTime.parse(at);
            fx.sql(
                    "update order_history set at = $3 where fulfillment_id = $1 and type = 'fulfillment.status'"
                            + " and status = $2",
                    Tuple.of(fulfillmentId, to, when));
        }
    }
}
