package io.omnigate.orders;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.asAdmin;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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

@QuarkusTest
class OrderResourceTest {

    @Inject
    Pool pool;

    OrderFixtures fx;

    @BeforeEach
    void fixtures() {
        fx = new OrderFixtures(pool);
    }

    @Test
    void pickupReservesAtTheChosenStoreAndReturnsTheOrderWithItsToken() {
        String storeId = fx.store(0, "PICKUP");
        String other = fx.store(0.01, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 5);
        fx.stock(other, sku, 50);

        JsonPath order = place(pickup(storeId, List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .body("status", is("PLACED"))
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].locationId", is(storeId))
                .body("fulfillments[0].status", is("ASSIGNED"))
                .body("fulfillments[0].method", is("PICKUP"))
                .body("fulfillments[0].lines[0].qty", is(2))
                .body("accessToken", notNullValue())
                .extract()
                .jsonPath();
        assertEquals(2, fx.reserved(storeId, sku));
        assertEquals(0, fx.reserved(other, sku));
        String id = order.getString("id");
        TestApi.as(order.getString("accessToken"))
                .get("/v1/orders/{id}", id)
                .then()
                .statusCode(200)
                .body("fulfillments[0].locationId", is(storeId));
        assertEquals(
                2,
                fx.count(
                        "select count(*) from event_outbox where order_id = $1 and type in ('order.status', 'fulfillment.assigned')",
                        Tuple.of(id)));
        // the relay counts the fulfillment into the store's load once it numbers its event (V18)
        eventually(
                Duration.ofSeconds(10),
                () -> assertEquals(
                        1,
                        fx.count(
                                "select coalesce(sum(assigned), 0) from location_load where location_id = $1",
                                Tuple.of(storeId))));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void anOrderTokenOpensOnlyItsOrder() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 5);
        JsonPath first = place(pickup(storeId, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        JsonPath second = place(pickup(storeId, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        TestApi.as(first.getString("accessToken"))
                .get("/v1/orders/{id}", second.getString("id"))
                .then()
                .statusCode(403);
        TestApi.as(OrderFixtures.checkout())
                .post("/v1/orders/{id}/cancel", first.getString("id"))
                .then()
                .statusCode(403);
    }

    @Test
    void sameKeySameBodyReplaysDifferentBodyIs422MissingKeyIs400() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 5);
        String key = unique("key");
        Map<String, Object> body = pickup(storeId, List.of(line(sku, 1)));
        String id = place(key, body).then().statusCode(201).extract().path("id");
        place(key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", is(id));
        place(key, pickup(storeId, List.of(line(sku, 2))))
                .then()
                .statusCode(422)
                .body("type", containsString("idempotency-key-reused"));
        TestApi.as(OrderFixtures.checkout())
                .body(body)
                .post("/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("Idempotency-Key"));
        assertEquals(1, fx.reserved(storeId, sku));
    }

    @Test
    void notEnoughStockIs409NamingTheShortLineAndReservesNothing() {
        String storeId = fx.store(0, "PICKUP");
        String plenty = fx.sku();
        String scarce = fx.sku();
        fx.stock(storeId, plenty, 10);
        fx.stock(storeId, scarce, 1);
        place(pickup(storeId, List.of(line(plenty, 3), line(scarce, 2))))
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("type", containsString("insufficient-stock"))
                .body("detail", containsString(scarce))
                .body("errors", hasSize(1))
                .body("errors[0].field", is("lines[1]"));
        assertEquals(0, fx.reserved(storeId, plenty));
        assertEquals(0, fx.reserved(storeId, scarce));
        fx.assertConsistent(List.of(plenty, scarce));
    }

    @Test
    void badInputsAre4xxAndChangeNothing() {
        String storeId = fx.store(0, "PICKUP");
        String shipOnly = fx.store(0.01, "SHIP_FROM");
        String sku = fx.sku();
        fx.stock(storeId, sku, 5);
        fx.stock(shipOnly, sku, 5);
        place(pickup(storeId, List.of(line("NO-SUCH-" + sku, 1))))
                .then()
                .statusCode(422)
                .body("type", containsString("unknown-reference"));
        place(pickup("NO-SUCH-LOC", List.of(line(sku, 1))))
                .then()
                .statusCode(422)
                .body("type", containsString("unknown-reference"));
        place(pickup(storeId, List.of(line(sku, 0)))).then().statusCode(400);
        place(pickup(storeId, List.of(line(sku, -2)))).then().statusCode(400);
        place(pickup(storeId, List.of())).then().statusCode(400);
        place(pickup(shipOnly, List.of(line(sku, 1))))
                .then()
                .statusCode(422)
                .body("type", containsString("capability-missing"));
        place(Map.of("method", "SHIP", "lines", List.of(line(sku, 1))))
                .then()
                .statusCode(400)
                .body("errors[0].field", is("destination"));
        place(Map.of("method", "TELEPORT", "locationId", storeId, "lines", List.of(line(sku, 1))))
                .then()
                .statusCode(400);
        assertEquals(0, fx.reserved(storeId, sku));
        assertEquals(0, fx.reserved(shipOnly, sku));
        assertEquals(0, fx.count("select count(*) from fulfillment where location_id = any($1)", Tuple.of((Object)
                new String[] {storeId, shipOnly})));
    }

    @Test
    void cancelReleasesEveryReservationAndIsRefusedOncePickedUp() {
        String storeId = fx.store(0, "PICKUP");
        String a = fx.sku();
        String b = fx.sku();
        fx.stock(storeId, a, 5);
        fx.stock(storeId, b, 5);
        JsonPath order = place(pickup(storeId, List.of(line(a, 2), line(b, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals(2, fx.reserved(storeId, a));
        TestApi.as(order.getString("accessToken"))
                .post("/v1/orders/{id}/cancel", order.getString("id"))
                .then()
                .statusCode(200)
                .body("status", is("CANCELLED"))
                .body("fulfillments[0].status", is("CANCELLED"));
        assertEquals(0, fx.reserved(storeId, a));
        assertEquals(0, fx.reserved(storeId, b));
        assertEquals(
                1,
                fx.count(
                        "select count(*) from event_outbox where order_id = $1 and type = 'fulfillment.cancelled'",
                        Tuple.of(order.getString("id"))));

        JsonPath collected = place(pickup(storeId, List.of(line(a, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        fx.sql("update fulfillment set status = 'PICKED_UP' where order_id = $1", Tuple.of(collected.getString("id")));
        asAdmin()
                .post("/v1/orders/{id}/cancel", collected.getString("id"))
                .then()
                .statusCode(409)
                .body("type", containsString("order-not-cancellable"));
        assertEquals(1, fx.reserved(storeId, a));
        fx.assertConsistent(List.of(a, b));
    }

    @Test
    void shipmentsSplitOnlyWhenNoSingleLocationCanServeAndPolicyChangesTakeEffect() {
        String north = fx.location("DC", 0.02, null, "SHIP_FROM");
        String south = fx.location("DC", -0.02, null, "SHIP_FROM");
        String a = fx.sku();
        String b = fx.sku();
        fx.stock(north, a, 5);
        fx.stock(south, b, 5);

        place(fx.ship(List.of(line(a, 1), line(b, 1))))
                .then()
                .statusCode(201)
                .body("fulfillments", hasSize(2))
                .body("fulfillments.locationId", org.hamcrest.Matchers.containsInAnyOrder(north, south));

        fx.stock(south, a, 5);
        place(fx.ship(List.of(line(a, 1), line(b, 1))))
                .then()
                .statusCode(201)
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].locationId", is(south));

        Map<String, Object> policy = asAdmin()
                .get("/v1/routing/policy")
                .then()
                .statusCode(200)
                .extract()
                .path("policy");
        Map<String, Object> noSplit = new HashMap<>(policy);
        noSplit.put("allowSplit", false);
        try {
            asAdmin().body(noSplit).put("/v1/routing/policy").then().statusCode(200);
            fx.stock(south, a, 0);
            place(fx.ship(List.of(line(a, 1), line(b, 1))))
                    .then()
                    .statusCode(409)
                    .body("type", containsString("insufficient-stock"));
        } finally {
            asAdmin().body(policy).put("/v1/routing/policy").then().statusCode(200);
        }
        place(fx.ship(List.of(line(a, 1), line(b, 1)))).then().statusCode(201).body("fulfillments", hasSize(2));
        fx.assertConsistent(List.of(a, b));
    }

    @Test
    void backorderLinesClaimInboundAndNeverMoreThanExpected() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        asAdmin()
                .body(Map.of(
                        "locationId",
                        storeId,
                        "sku",
                        sku,
                        "qty",
                        4,
                        "eta",
                        OffsetDateTime.now().plusDays(3).toString()))
                .post("/v1/inventory/inbound")
                .then()
                .statusCode(201);
        Map<String, Object> backorder = Map.of(
                "method",
                "PICKUP",
                "locationId",
                storeId,
                "allowBackorder",
                true,
                "lines",
                List.of(Map.of("sku", sku, "qty", 3, "mode", "BACKORDER")));
        place(backorder).then().statusCode(201).body("fulfillments[0].lines[0].mode", is("BACKORDER"));
        place(backorder).then().statusCode(409);
        Map<String, Object> notAllowed = new HashMap<>(backorder);
        notAllowed.remove("allowBackorder");
        place(notAllowed).then().statusCode(400);
        assertEquals(0, fx.reserved(storeId, sku));
    }

    @Test
    void changingThePickupStoreReservesAtTheNewStoreAndReleasesTheOld() {
        String first = fx.store(0, "PICKUP");
        String second = fx.store(0.01, "PICKUP");
        String noPickup = fx.store(0.02, "SHIP_FROM");
        String sku = fx.sku();
        fx.stock(first, sku, 5);
        fx.stock(second, sku, 5);
        fx.stock(noPickup, sku, 5);
        JsonPath order = place(pickup(first, List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = order.getString("id");
        TestApi.as(order.getString("accessToken"))
                .body(Map.of("pickupLocationId", second))
                .patch("/v1/orders/{id}", id)
                .then()
                .statusCode(200)
                .body("pickupLocationId", is(second))
                .body("fulfillments", hasSize(2))
                .body("fulfillments.find { it.status == 'ASSIGNED' }.locationId", is(second))
                .body("fulfillments.find { it.status == 'CANCELLED' }.locationId", is(first));
        assertEquals(0, fx.reserved(first, sku));
        assertEquals(2, fx.reserved(second, sku));

        asAdmin()
                .body(Map.of("pickupLocationId", noPickup))
                .patch("/v1/orders/{id}", id)
                .then()
                .statusCode(422);
        fx.stock(first, sku, 1);
        asAdmin()
                .body(Map.of("pickupLocationId", first))
                .patch("/v1/orders/{id}", id)
                .then()
                .statusCode(409);
        assertEquals(2, fx.reserved(second, sku));
        assertEquals(0, fx.reserved(first, sku));

        fx.sql("update fulfillment set status = 'PICKING' where order_id = $1 and status = 'ASSIGNED'", Tuple.of(id));
        asAdmin()
                .body(Map.of("pickupLocationId", first))
                .patch("/v1/orders/{id}", id)
                .then()
                .statusCode(409)
                .body("type", containsString("order-already-picked"));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void returnsRestockRestockableItemsAtTheReceivingLocation() {
        String storeId = fx.store(0, "PICKUP", "RETURNS");
        String noReturns = fx.store(0.01, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 5);
        JsonPath order = place(pickup(storeId, List.of(line(sku, 3))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = order.getString("id");
        Map<String, Object> ret = Map.of(
                "method",
                "IN_STORE",
                "locationId",
                storeId,
                "lines",
                List.of(Map.of("sku", sku, "qty", 2, "restockable", true)));
        asAdmin().body(ret).post("/v1/orders/{id}/returns", id).then().statusCode(409);
        // What the store workflow will do on hand-over: the units leave the shelf and the reservation.
        fx.sql("update fulfillment set status = 'PICKED_UP' where order_id = $1", Tuple.of(id));
        fx.sql("update reservation set status = 'FULFILLED' where order_id = $1", Tuple.of(id));
        fx.sql(
                "update stock set on_hand = on_hand - 3, reserved = reserved - 3 where location_id = $1 and sku = $2",
                Tuple.of(storeId, sku));
        assertEquals(2, fx.onHand(storeId, sku));

        asAdmin()
                .body(Map.of("method", "IN_STORE", "locationId", noReturns, "lines", List.of(line(sku, 1))))
                .post("/v1/orders/{id}/returns", id)
                .then()
                .statusCode(422);
        String returned = TestApi.as(order.getString("accessToken"))
                .body(ret)
                .post("/v1/orders/{id}/returns", id)
                .then()
                .statusCode(201)
                .body("locationId", is(storeId))
                .body("status", is("REQUESTED"))
                .extract()
                .path("id");
        assertEquals(2, fx.onHand(storeId, sku), "a requested return puts nothing back yet");
        TestApi.as(TestApi.mint("store-device", storeId))
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 2))))
                .post("/v1/returns/{id}/receipt", returned)
                .then()
                .statusCode(200)
                .body("status", is("RESTOCKED"));
        assertEquals(4, fx.onHand(storeId, sku));
        String refused = asAdmin()
                .body(Map.of(
                        "method",
                        "MAIL",
                        "locationId",
                        storeId,
                        "lines",
                        List.of(Map.of("sku", sku, "qty", 1, "restockable", false))))
                .post("/v1/orders/{id}/returns", id)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asAdmin()
                .body(Map.of("lines", List.of()))
                .post("/v1/returns/{id}/receipt", refused)
                .then()
                .statusCode(200)
                .body("status", is("REFUSED"));
        assertEquals(4, fx.onHand(storeId, sku));
        asAdmin().body(ret).post("/v1/orders/{id}/returns", id).then().statusCode(409);
        assertNotEquals(
                0,
                fx.count(
                        "select count(*) from event_outbox where order_id = $1 and type = 'order.return.received'",
                        Tuple.of(id)));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void aLockerPickupReservesAtItsStoreAndPreorderLinesReserveNothing() {
        String storeId = fx.store(0, "PICKUP");
        String locker = fx.location("LOCKER", 0.001, storeId, "LOCKER");
        String sku = fx.sku();
        String upcoming = fx.sku();
        fx.stock(storeId, sku, 3);
        Map<String, Object> body = Map.of(
                "method",
                "LOCKER",
                "locationId",
                locker,
                "allowPreorder",
                true,
                "lines",
                List.of(line(sku, 1), Map.of("sku", upcoming, "qty", 2, "mode", "PREORDER")));
        place(body)
                .then()
                .statusCode(201)
                .body("pickupLocationId", is(locker))
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].locationId", is(storeId))
                .body("fulfillments[0].lines.find { it.sku == '" + upcoming + "' }.mode", is("PREORDER"));
        assertEquals(1, fx.reserved(storeId, sku));
        assertEquals(0, fx.reserved(storeId, upcoming));
        place(pickup(locker, List.of(line(sku, 1))))
                .then()
                .statusCode(422)
                .body("type", containsString("capability-missing"));
    }

    @Test
    void aShipmentChangesItsAddressButNotItsStore() {
        String dc = fx.location("DC", 0.01, null, "SHIP_FROM");
        String storeId = fx.store(0.02, "PICKUP");
        String sku = fx.sku();
        fx.stock(dc, sku, 3);
        JsonPath order = place(fx.ship(List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .body("fulfillments[0].locationId", is(dc))
                .extract()
                .jsonPath();
        TestApi.as(order.getString("accessToken"))
                .body(Map.of("shippingAddress", Map.of("line1", "1 Main St", "city", "Nome", "country", "US")))
                .patch("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(200)
                .body("shippingAddress.city", is("Nome"));
        asAdmin()
                .body(Map.of("pickupLocationId", storeId))
                .patch("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(422);
        asAdmin()
                .body(Map.of())
                .patch("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(400);
        assertEquals(1, fx.reserved(dc, sku));
    }
}
