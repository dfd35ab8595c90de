package io.omnigate.fulfillment;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.fulfillment.WorkflowFixtures.device;
import static io.omnigate.fulfillment.WorkflowFixtures.verify;
import static io.omnigate.fulfillment.WorkflowFixtures.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ship-to-store: offered, ordered, prepared at the DC, ready and collected at the pickup store. */
@QuarkusTest
class ShipToStoreTest {

    @Inject
    Pool pool;

    @Inject
    PickupCodes codes;

    OrderFixtures fx;
    WorkflowFixtures wf;
    String store;
    String dc;
    String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        wf = new WorkflowFixtures(fx, codes);
        store = fx.store(0.0, "PICKUP");
        dc = fx.location("DC", 0.5, null, "SHIP_FROM");
        sku = fx.sku();
        fx.stock(store, sku, 0);
        fx.stock(dc, sku, 10);
    }

    private Map<String, Object> transferOrder(String feeder) {
        Map<String, Object> body = new HashMap<>(OrderFixtures.pickup(store, List.of(line(sku, 2))));
        body.put("fulfilledFromLocationId", feeder);
        return body;
    }

    @Test
    void aTransferOptionIsOrderedReservedAtTheDcAndCollectedAtTheStore() {
        Map<String, Object> transfer = TestApi.as(OrderFixtures.checkout())
                .body(Map.of(
                        "lines", List.of(line(sku, 2)),
                        "destination", Map.of("lat", fx.lat, "lon", fx.lon),
                        "methods", List.of("PICKUP")))
                .post("/v1/availability")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("options.find { it.source == 'TRANSFER' }");
        assertEquals(store, transfer.get("locationId"), String.valueOf(transfer));
        assertEquals(dc, transfer.get("fulfilledFromLocationId"));

        JsonPath order =
                place(transferOrder(dc)).then().statusCode(201).extract().jsonPath();
        String fid = order.getString("fulfillments[0].id");
        assertEquals(store, order.getString("pickupLocationId"));
        assertEquals(dc, order.getString("fulfillments[0].locationId"));
        assertEquals(2, fx.reserved(dc, sku), "stock is taken at the feeder");
        assertEquals(0, fx.reserved(store, sku));

        walk(() -> device(dc), fid, "ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP");
        assertEquals(
                store,
                fx.sql(
                                "select pickup_location_id from fulfillment where id = $1",
                                io.vertx.mutiny.sqlclient.Tuple.of(fid))
                        .iterator()
                        .next()
                        .getString("pickup_location_id"));
        assertTrue(
                wf.outbox(order.getString("id")).contains("pickup.ready@" + store + ":READY_FOR_PICKUP"),
                wf.outbox(order.getString("id")).toString());

        verify(device(store), store, wf.pickupCode(fid)).then().statusCode(200);
        assertEquals("PICKED_UP", wf.status(fid));
        assertEquals(8, fx.onHand(dc, sku), "collected at the store, taken from the DC's shelf");
        assertEquals(0, fx.reserved(dc, sku));
    }

    @Test
    void aFeederThatCannotFeedAStoreIsRefused() {
        String plainStore = fx.store(0.2, "PICKUP");
        place(transferOrder(plainStore)).then().statusCode(422);
        Map<String, Object> ship = new HashMap<>(fx.ship(List.of(line(sku, 1))));
        ship.put("fulfilledFromLocationId", dc);
        place(ship).then().statusCode(400);
        place(transferOrder("NO-SUCH-LOCATION")).then().statusCode(422);
    }
}
