package io.omnigate.orders;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 17 items 2 and 3: idempotency keys per caller, stored refusals, holds that belong to their maker. */
@QuarkusTest
class IdempotencyAndHoldOwnershipTest {

    @Inject
    Pool pool;

    OrderFixtures fx;

    @BeforeEach
    void fixtures() {
        fx = new OrderFixtures(pool);
    }

    private static Response place(String token, String key, Map<String, Object> body) {
        return TestApi.as(token).header("Idempotency-Key", key).body(body).post("/v1/orders");
    }

    private static Response hold(String token, String key, Map<String, Object> body) {
        var request = TestApi.as(token);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(body).post("/v1/holds");
    }

    @Test
    void theSameKeyFromAnotherCallerIsAnotherRequest() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 5);
        String first = TestApi.mint(Roles.CHECKOUT, null);
        String second = TestApi.mint(Roles.CHECKOUT, null);
        String key = TestApi.unique("shared");
        Map<String, Object> body = pickup(storeId, List.of(line(sku, 1)));

        Response mine = place(first, key, body).then().statusCode(201).extract().response();
        Response theirs = place(second, key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .response();
        assertNotEquals((String) mine.path("id"), (String) theirs.path("id"));
        assertNotEquals((String) mine.path("accessToken"), (String) theirs.path("accessToken"));
        assertEquals(2, fx.reserved(storeId, sku));

        // The first caller's retry still gets its own order back, token included.
        place(first, key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", is((String) mine.path("id")))
                .body("accessToken", is((String) mine.path("accessToken")));
        assertEquals(2, fx.reserved(storeId, sku));
        fx.assertConsistent(List.of(sku));

        // The record keeps the token without its signature: nothing in the table opens the order.
        String token = mine.path("accessToken");
        String kept = pool.preparedQuery("select response ->> 'accessToken' as token from idempotency_key"
                        + " where key = $1 and response ->> 'id' = $2")
                .execute(Tuple.of(key, mine.path("id")))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString("token");
        assertTrue(token.startsWith(kept + "."), kept);
        assertNotEquals(token, kept);
        TestApi.as(kept).get("/v1/orders/{id}", (String) mine.path("id")).then().statusCode(401);
    }

    @Test
    void aRefusalForLackOfStockIsStoredAndReplayed() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 1);
        String token = TestApi.mint(Roles.CHECKOUT, null);
        String key = TestApi.unique("short");
        Map<String, Object> body = pickup(storeId, List.of(line(sku, 2)));
        String detail = place(token, key, body)
                .then()
                .statusCode(409)
                .body("type", containsString("insufficient-stock"))
                .body("detail", containsString(sku))
                .extract()
                .path("detail");

        fx.stock(storeId, sku, 10);
        // Stock arrived, but the key's answer stands: the same request gets the same 409, short lines included.
        place(token, key, body)
                .then()
                .statusCode(409)
                .body("type", containsString("insufficient-stock"))
                .body("detail", is(detail))
                .body("errors[0].field", is("lines[0]"))
                .body("errors[0].message", containsString(sku));
        assertEquals(0, fx.reserved(storeId, sku));
        // A new key is a new request.
        place(token, TestApi.unique("short"), body).then().statusCode(201);
        assertEquals(2, fx.reserved(storeId, sku));
        // Another body under the stored key is refused, not answered with the old 409.
        place(token, key, pickup(storeId, List.of(line(sku, 1))))
                .then()
                .statusCode(422)
                .body("type", containsString("idempotency-key-reused"));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void orderTokensAreShortAndTamperingIsRefused() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 1);
        Response order = OrderFixtures.place(pickup(storeId, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .body("accessToken", startsWith("ot1."))
                .extract()
                .response();
        String token = order.path("accessToken");
        String id = order.path("id");
        TestApi.as(token).get("/v1/orders/{id}", id).then().statusCode(200);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        TestApi.as(tampered).get("/v1/orders/{id}", id).then().statusCode(401);
    }

    @Test
    void aHoldBelongsToItsMakerOrAnAdmin() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 4);
        String maker = TestApi.mint(Roles.CHECKOUT, null);
        String stranger = TestApi.mint(Roles.CHECKOUT, null);
        String holdId = hold(maker, null, pickup(storeId, List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        TestApi.as(stranger).delete("/v1/holds/{id}", holdId).then().statusCode(403);
        Map<String, Object> withHold = new HashMap<>(pickup(storeId, List.of(line(sku, 2))));
        withHold.put("holdId", holdId);
        place(stranger, TestApi.unique("steal"), withHold).then().statusCode(403);
        assertEquals(2, fx.reserved(storeId, sku));
        assertEquals(
                "ACTIVE",
                fx.sql("select status from hold where id = $1", Tuple.of(holdId))
                        .iterator()
                        .next()
                        .getString("status"));

        // The maker's order takes the hold over; a retry of that order is answered, not refused as hold-consumed.
        String orderKey = TestApi.unique("with-hold");
        String orderId = place(maker, orderKey, withHold)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        place(maker, orderKey, withHold)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", is(orderId));
        assertEquals(2, fx.reserved(storeId, sku));
        TestApi.admin().post("/v1/orders/{id}/cancel", orderId).then().statusCode(200);
        assertEquals(0, fx.reserved(storeId, sku));

        String second = hold(maker, null, pickup(storeId, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        TestApi.admin().delete("/v1/holds/{id}", second).then().statusCode(204);
        assertEquals(0, fx.reserved(storeId, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void holdsHonourIdempotencyKeysPerCaller() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 3);
        String token = TestApi.mint(Roles.CHECKOUT, null);
        String key = TestApi.unique("hold");
        Map<String, Object> body = pickup(storeId, List.of(line(sku, 2)));

        String holdId = hold(token, key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("id");
        hold(token, key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", is(holdId));
        assertEquals(2, fx.reserved(storeId, sku));
        hold(token, key, pickup(storeId, List.of(line(sku, 1))))
                .then()
                .statusCode(422)
                .body("type", containsString("idempotency-key-reused"));

        // Another caller's same key is its own request: only 1 unit is left, so its 409 is stored for it.
        String other = TestApi.mint(Roles.CHECKOUT, null);
        hold(other, key, body).then().statusCode(409);
        TestApi.as(token).delete("/v1/holds/{id}", holdId).then().statusCode(204);
        hold(other, key, body).then().statusCode(409).body("id", not(holdId));
        // The first caller's key still answers with its (now released) hold, not with a new one.
        hold(token, key, body).then().statusCode(201).body("id", is(holdId));
        assertEquals(0, fx.reserved(storeId, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void reservationsKeepTheStaleBufferOfALocationNotSyncedLately() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 3);
        fx.sql("update location set stock_synced_at = now() - interval '2 hours' where id = $1", Tuple.of(storeId));
        // omnigate.inventory.stale-buffer (1) is withheld: 3 on the shelf, 2 for sale, as the ATP view says.
        TestApi.admin()
                .get("/v1/inventory/{sku}?near={near}", sku, fx.lat + "," + fx.lon)
                .then()
                .statusCode(200)
                .body("locations.find { it.locationId == '" + storeId + "' }.atp", is(2));
        OrderFixtures.place(pickup(storeId, List.of(line(sku, 3)))).then().statusCode(409);
        hold(OrderFixtures.checkout(), null, pickup(storeId, List.of(line(sku, 3))))
                .then()
                .statusCode(409);
        OrderFixtures.place(pickup(storeId, List.of(line(sku, 2)))).then().statusCode(201);
        assertEquals(2, fx.reserved(storeId, sku));
        fx.assertConsistent(List.of(sku));
    }
}
