package io.omnigate.orders;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 1: a customer's return is a record that moves no stock; only the receiving
 * location (its store device, or an admin) puts units back, once; a store device's in-store
 * return is received at once.
 */
@QuarkusTest
class OrderReturnsTest {

    @Inject
    Pool pool;

    OrderFixtures fx;
    String store;
    String other;
    String sku;
    String device;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        store = fx.store(0, "PICKUP", "RETURNS");
        other = fx.store(0.01, "PICKUP", "RETURNS");
        sku = fx.sku();
        fx.stock(store, sku, 10);
        device = TestApi.mint(Roles.STORE_DEVICE, store);
    }

    /** A pickup order of {@code qty} units, handed over to the customer at the store. */
    JsonPath collected(int qty) {
        JsonPath order = place(pickup(store, List.of(line(sku, qty))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP", "PICKED_UP")) {
            TestApi.as(device)
                    .body(Map.of("to", to))
                    .post("/v1/fulfillments/{id}/transitions", order.getString("fulfillments[0].id"))
                    .then()
                    .statusCode(200);
        }
        return order;
    }

    Map<String, Object> ret(String method, String location, int qty, boolean restockable) {
        return Map.of(
                "method",
                method,
                "locationId",
                location,
                "lines",
                List.of(Map.of("sku", sku, "qty", qty, "restockable", restockable)));
    }

    @Test
    void aCustomersMailReturnMovesNoStockUntilTheStoreRecordsItsReceiptOnce() {
        JsonPath order = collected(2);
        int shelf = fx.onHand(store, sku);
        String id = TestApi.as(order.getString("accessToken"))
                .body(ret("MAIL", store, 2, true))
                .post("/v1/orders/{id}/returns", order.getString("id"))
                .then()
                .statusCode(201)
                .body("status", is("REQUESTED"))
                .body("lines[0].restocked", nullValue())
                .extract()
                .path("id");
        assertEquals(shelf, fx.onHand(store, sku), "a customer cannot create stock");

        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, other))
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 2))))
                .post("/v1/returns/{id}/receipt", id)
                .then()
                .statusCode(403);
        TestApi.as(order.getString("accessToken"))
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 2))))
                .post("/v1/returns/{id}/receipt", id)
                .then()
                .statusCode(403);
        TestApi.as(device)
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 3))))
                .post("/v1/returns/{id}/receipt", id)
                .then()
                .statusCode(422);
        assertEquals(shelf, fx.onHand(store, sku));

        TestApi.as(device)
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 1))))
                .post("/v1/returns/{id}/receipt", id)
                .then()
                .statusCode(200)
                .body("status", is("RESTOCKED"))
                .body("lines[0].restocked", is(1))
                .body("receivedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(shelf + 1, fx.onHand(store, sku), "one unit restockable, one refused");

        TestApi.as(device)
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 1))))
                .post("/v1/returns/{id}/receipt", id)
                .then()
                .statusCode(409)
                .body("type", containsString("return-already-received"));
        assertEquals(shelf + 1, fx.onHand(store, sku), "a repeated receipt changes nothing");

        TestApi.as(order.getString("accessToken"))
                .get("/v1/returns/{id}", id)
                .then()
                .statusCode(200)
                .body("status", is("RESTOCKED"));
        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, other))
                .get("/v1/returns/{id}", id)
                .then()
                .statusCode(403);
        assertEquals(
                List.of("order.return.requested", "order.return.received"),
                fx
                        .sql(
                                "select type from event_outbox where order_id = $1 and type like 'order.return.%'"
                                        + " order by id",
                                Tuple.of(order.getString("id")))
                        .stream()
                        .map(r -> r.getString("type"))
                        .toList());
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void theStoresDeviceRecordsAnInStoreReturnReceivedAtOnceAndOnlyAtItsOwnStore() {
        JsonPath order = collected(3);
        int shelf = fx.onHand(store, sku);
        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, other))
                .body(ret("IN_STORE", store, 1, true))
                .post("/v1/orders/{id}/returns", order.getString("id"))
                .then()
                .statusCode(403);
        TestApi.as(device)
                .body(ret("MAIL", store, 1, true))
                .post("/v1/orders/{id}/returns", order.getString("id"))
                .then()
                .statusCode(403);
        TestApi.as(device)
                .body(ret("IN_STORE", store, 2, true))
                .post("/v1/orders/{id}/returns", order.getString("id"))
                .then()
                .statusCode(201)
                .body("status", is("RESTOCKED"))
                .body("lines[0].restocked", is(2));
        assertEquals(shelf + 2, fx.onHand(store, sku));
        TestApi.as(device)
                .body(ret("IN_STORE", store, 2, true))
                .post("/v1/orders/{id}/returns", order.getString("id"))
                .then()
                .statusCode(409)
                .body("type", containsString("not-returnable"));
        TestApi.as(device)
                .body(ret("IN_STORE", store, 1, false))
                .post("/v1/orders/{id}/returns", order.getString("id"))
                .then()
                .statusCode(201)
                .body("status", is("REFUSED"));
        assertEquals(shelf + 2, fx.onHand(store, sku), "a damaged unit is received, not restocked");
        fx.assertConsistent(List.of(sku));
    }
}
