package io.omnigate.fulfillment;

import static io.omnigate.OrderFixtures.asAdmin;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.hasSize;
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

@QuarkusTest
class FulfillmentRejectTest {

    @Inject
    Pool pool;

    OrderFixtures fx;
    String near;
    String far;
    String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        near = fx.location("DC", 0.01, null, "SHIP_FROM");
        far = fx.location("DC", 0.05, null, "SHIP_FROM");
        sku = fx.sku();
        fx.stock(near, sku, 5);
        fx.stock(far, sku, 5);
    }

    @Test
    void aWholeRejectReroutesToTheNextBestLocationCorrectsStockAndKeepsHistory() {
        JsonPath order = place(fx.ship(List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals(near, order.getString("fulfillments[0].locationId"));
        String fid = order.getString("fulfillments[0].id");

        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, far))
                .body(Map.of("to", "REJECTED"))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(403);
        assertEquals(2, fx.reserved(near, sku));

        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, near))
                .body(Map.of("to", "REJECTED", "reason", "not on the shelf"))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(200)
                .body("rerouted", hasSize(1))
                .body("rerouted[0].qty", is(2))
                .body("unfulfillable", hasSize(0))
                .body("fulfillment.status", is("REJECTED"))
                .body("order.fulfillments", nullValue());
        asAdmin()
                .get("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(200)
                .body("fulfillments", hasSize(2))
                .body("fulfillments.find { it.id != '" + fid + "' }.locationId", is(far))
                .body("fulfillments.find { it.id != '" + fid + "' }.status", is("ASSIGNED"));
        assertEquals(0, fx.reserved(near, sku));
        assertEquals(3, fx.onHand(near, sku));
        assertEquals(2, fx.reserved(far, sku));
        assertEquals(
                1,
                fx.count(
                        "select count(*) from order_history where order_id = $1 and status = 'REJECTED'",
                        Tuple.of(order.getString("id"))));

        asAdmin()
                .body(Map.of("to", "REJECTED"))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(409);
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void shortPickedLinesMoveAndTheRestStays() {
        JsonPath order = place(fx.ship(List.of(line(sku, 3))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fid = order.getString("fulfillments[0].id");
        asAdmin()
                .body(Map.of("to", "REJECTED", "lines", List.of(line(sku, 1))))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(200)
                .body("rerouted[0].qty", is(1))
                .body("order.fulfillments.find { it.id == '" + fid + "' }.status", is("ASSIGNED"))
                .body("order.fulfillments.find { it.id == '" + fid + "' }.lines[0].qty", is(2))
                .body("order.fulfillments.find { it.id != '" + fid + "' }.locationId", is(far));
        assertEquals(2, fx.reserved(near, sku));
        assertEquals(4, fx.onHand(near, sku));
        assertEquals(1, fx.reserved(far, sku));
        asAdmin()
                .body(Map.of("to", "REJECTED", "lines", List.of(line(sku, 5))))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(422);
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void linesNobodyCanTakeAreReportedUnfulfillable() {
        fx.stock(far, sku, 0);
        JsonPath order = place(fx.ship(List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fid = order.getString("fulfillments[0].id");
        asAdmin()
                .body(Map.of("to", "REJECTED"))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(200)
                .body("rerouted", hasSize(0))
                .body("unfulfillable[0].qty", is(2));
        assertEquals(0, fx.reserved(near, sku));
        assertEquals(
                1,
                fx.count(
                        "select count(*) from event_outbox where order_id = $1 and type = 'order.lines.unfulfillable'",
                        Tuple.of(order.getString("id"))));
        fx.assertConsistent(List.of(sku));
    }
}
