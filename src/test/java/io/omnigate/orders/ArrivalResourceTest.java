package io.omnigate.orders;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Curbside arrivals, reason codes and hand-over proof, as the store console and tracking page use them. */
@QuarkusTest
class ArrivalResourceTest {

    @Inject
    Pool pool;

    OrderFixtures fx;
    String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        sku = fx.sku();
    }

    @Test
    void anArrivalReachesTheStoreAndTheHandOverRecordsTheCurbWaitAndWhoCollected() {
        String store = fx.store(0.01, "PICKUP", "CURBSIDE");
        fx.stock(store, sku, 3);
        JsonPath order = placed(Map.of("method", "CURBSIDE", "locationId", store, "lines", List.of(line(sku, 1))));
        String orderId = order.getString("id");
        String fid = order.getString("fulfillments[0].id");
        String customer = order.getString("accessToken");

        TestApi.as(customer)
                .body(Map.of("bay", "4", "vehicle", "red Fiat Panda", "note", "with a dog"))
                .post("/v1/orders/{id}/arrival", orderId)
                .then()
                .statusCode(201)
                .body("locationIds", contains(store))
                .body("bay", is("4"));
        JsonObject arrived = payload(orderId, "order.arrived");
        assertEquals(store, arrived.getString("locationId"));
        assertEquals("red Fiat Panda", arrived.getJsonObject("detail").getString("vehicle"));
        device(store)
                .get("/v1/locations/{id}/arrivals", store)
                .then()
                .statusCode(200)
                .body("orderId", contains(orderId))
                .body("[0].note", is("with a dog"));
        device(fx.store(0.02, "PICKUP"))
                .get("/v1/locations/{id}/arrivals", store)
                .then()
                .statusCode(403);

        for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
            device(store)
                    .body(Map.of("to", to))
                    .post("/v1/fulfillments/{id}/transitions", fid)
                    .then()
                    .statusCode(200);
        }
        String code = TestApi.as(customer)
                .get("/v1/orders/{id}", orderId)
                .then()
                .extract()
                .path("fulfillments[0].pickupCode");
        device(store)
                .body(Map.of("code", code, "collectedBy", "OTHER", "collectorName", "Anna Rossi"))
                .post("/v1/locations/{id}/pickups/verify", store)
                .then()
                .statusCode(200)
                .body("status", is("PICKED_UP"));

        JsonObject handedOver =
                payload(orderId, "fulfillment.status", "PICKED_UP").getJsonObject("detail");
        assertEquals("OTHER", handedOver.getString("collectedBy"));
        assertEquals("Anna Rossi", handedOver.getString("collectorName"));
        assertEquals("PICKUP_CODE", handedOver.getString("verifiedBy"));
        assertTrue(handedOver.getLong("curbWaitSeconds") >= 0, "curb wait recorded: " + handedOver);
        device(store)
                .get("/v1/locations/{id}/arrivals", store)
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void arrivalsAreRefusedForLockersOtherOrdersAndOversizedFields() {
        String store = fx.store(0.01, "PICKUP");
        String locker = fx.locker(0.011, store, Map.of("M", 2));
        fx.stock(store, sku, 3);
        JsonPath lockerOrder = placed(Map.of("method", "LOCKER", "locationId", locker, "lines", List.of(line(sku, 1))));
        TestApi.as(lockerOrder.getString("accessToken"))
                .post("/v1/orders/{id}/arrival", lockerOrder.getString("id"))
                .then()
                .statusCode(409)
                .body("type", is("https://omnigate.io/problems/arrival-not-applicable"));

        JsonPath pickup = placed(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        TestApi.as(lockerOrder.getString("accessToken"))
                .post("/v1/orders/{id}/arrival", pickup.getString("id"))
                .then()
                .statusCode(403);
        TestApi.as(pickup.getString("accessToken"))
                .body(Map.of("bay", "x".repeat(17)))
                .post("/v1/orders/{id}/arrival", pickup.getString("id"))
                .then()
                .statusCode(400)
                .body("errors", hasSize(1));
    }

    @Test
    void rejectAndCancelCarryAReasonCodeIntoTheHistory() {
        String store = fx.store(0.01, "PICKUP");
        fx.stock(store, sku, 5);
        JsonPath rejected = placed(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        device(store)
                .body(Map.of("to", "REJECTED", "reasonCode", "DAMAGED", "reason", "box crushed"))
                .post("/v1/fulfillments/{id}/transitions", rejected.getString("fulfillments[0].id"))
                .then()
                .statusCode(200);
        JsonObject reject = payload(rejected.getString("id"), "fulfillment.status", "REJECTED");
        assertEquals("DAMAGED", reject.getJsonObject("detail").getString("reasonCode"));
        assertEquals("box crushed", reject.getJsonObject("detail").getString("reason"));

        JsonPath cancelled = placed(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        TestApi.as(cancelled.getString("accessToken"))
                .post("/v1/orders/{id}/cancel", cancelled.getString("id"))
                .then()
                .statusCode(200)
                .body("status", is("CANCELLED"));
        JsonObject cancel = payload(cancelled.getString("id"), "order.status", "CANCELLED");
        assertEquals("CUSTOMER_REQUEST", cancel.getJsonObject("detail").getString("reasonCode"));

        JsonPath bad = placed(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        TestApi.as(bad.getString("accessToken"))
                .body(Map.of("reasonCode", "BORED"))
                .post("/v1/orders/{id}/cancel", bad.getString("id"))
                .then()
                .statusCode(400);
        device(store)
                .body(Map.of("to", "CANCELLED", "reasonCode", "STORE_CAPACITY"))
                .post("/v1/fulfillments/{id}/transitions", bad.getString("fulfillments[0].id"))
                .then()
                .statusCode(200);
        JsonObject storeCancel = payload(bad.getString("id"), "fulfillment.status", "CANCELLED");
        assertEquals("STORE_CAPACITY", storeCancel.getJsonObject("detail").getString("reasonCode"));
    }

    private static JsonPath placed(Map<String, Object> body) {
        return place(body).then().statusCode(201).extract().jsonPath();
    }

    private static RequestSpecification device(String location) {
        return TestApi.as(TestApi.mint(Roles.STORE_DEVICE, location));
    }

    /** The order's last history row of this type (and status), as {locationId, detail}. */
    private JsonObject payload(String orderId, String type, String... status) {
        for (Row row : fx.sql(
                "select location_id, status, detail::text as detail from order_history"
                        + " where order_id = $1 and type = $2 order by id desc",
                Tuple.of(orderId, type))) {
            if (status.length == 0 || status[0].equals(row.getString("status"))) {
                return new JsonObject()
                        .put("locationId", row.getString("location_id"))
                        .put("detail", new JsonObject(row.getString("detail")));
            }
        }
        throw new AssertionError("no " + type + " in the history of " + orderId);
    }
}
