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
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ship-to-store: offered, ordered, prepared at the DC, ready and collected at the pickup store. */
@QuarkusTest
class ShipToStoreTest {

    @Inject
    Pool pool;

    @Inject
    PickupCodes codes;

    OrderFixtures fx;
    WorkflowFixtures wf;
    String dc;
    String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        wf = new WorkflowFixtures(fx, codes);
        dc = fx.location("DC", 0.5, null, "SHIP_FROM");
        sku = fx.sku();
        fx.stock(dc, sku, 10);
    }

    /** A store that offers only {@code method}, with none of the SKU on its shelf. */
    private String storeWithout(String method) {
        String store = fx.store(0.0, method);
        fx.stock(store, sku, 0);
        return store;
    }

    private Map<String, Object> transferOrder(String method, String store, String feeder) {
        return new HashMap<>(Map.of(
                "method", method,
                "locationId", store,
                "lines", List.of(line(sku, 2)),
                "fulfilledFromLocationId", feeder));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PICKUP", "CURBSIDE"})
    void aTransferOptionIsOrderedReservedAtTheDcAndCollectedAtTheStore(String method) {
        String store = storeWithout(method);
        Map<String, Object> transfer = TestApi.as(OrderFixtures.checkout())
                .body(Map.of(
                        "lines", List.of(line(sku, 2)),
                        "destination", Map.of("lat", fx.lat, "lon", fx.lon),
                        "methods", List.of(method)))
                .post("/v1/availability")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("options.find { it.source == 'TRANSFER' }");
        assertEquals(method, transfer.get("method"), String.valueOf(transfer));
        assertEquals(store, transfer.get("locationId"), String.valueOf(transfer));
        assertEquals(dc, transfer.get("fulfilledFromLocationId"));

        JsonPath order = place(transferOrder(method, store, dc))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fid = order.getString("fulfillments[0].id");
        assertEquals(method, order.getString("method"));
        assertEquals(store, order.getString("pickupLocationId"));
        assertEquals(dc, order.getString("fulfillments[0].locationId"));
        assertEquals(2, fx.reserved(dc, sku), "stock is taken at the feeder");
        assertEquals(0, fx.reserved(store, sku));

        walk(() -> device(dc), fid, "ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP");
        assertEquals(
                store,
                fx.sql("select pickup_location_id from fulfillment where id = $1", Tuple.of(fid))
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
        String store = storeWithout("PICKUP");
        String plainStore = fx.store(0.2, "PICKUP");
        place(transferOrder("PICKUP", store, plainStore)).then().statusCode(422);
        Map<String, Object> ship = new HashMap<>(fx.ship(List.of(line(sku, 1))));
        ship.put("fulfilledFromLocationId", dc);
        place(ship).then().statusCode(400);
        place(transferOrder("PICKUP", store, "NO-SUCH-LOCATION")).then().statusCode(422);
    }
}
