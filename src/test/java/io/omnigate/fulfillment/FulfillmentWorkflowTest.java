package io.omnigate.fulfillment;

import static io.omnigate.OrderFixtures.asAdmin;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.fulfillment.WorkflowFixtures.device;
import static io.omnigate.fulfillment.WorkflowFixtures.move;
import static io.omnigate.fulfillment.WorkflowFixtures.pickupPoint;
import static io.omnigate.fulfillment.WorkflowFixtures.verify;
import static io.omnigate.fulfillment.WorkflowFixtures.walk;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.Parallel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FulfillmentWorkflowTest {

    @Inject
    Pool pool;

    @Inject
    PickupCodes codes;

    OrderFixtures fx;
    WorkflowFixtures wf;
    String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        wf = new WorkflowFixtures(fx, codes);
        sku = fx.sku();
    }

    private JsonPath order(Map<String, Object> body) {
        return place(body).then().statusCode(201).extract().jsonPath();
    }

    @Test
    void storePickupGoesThroughReadyWithACodeAndTheCodeHandsItOverOnce() {
        String store = fx.store(0.01, "PICKUP");
        fx.stock(store, sku, 5);
        JsonPath order = order(OrderFixtures.pickup(store, List.of(line(sku, 2))));
        String orderId = order.getString("id");
        String fid = order.getString("fulfillments[0].id");

        move(device(store), fid, "ACCEPTED").then().statusCode(200).body("order.status", is("IN_PROGRESS"));
        walk(() -> device(store), fid, "PICKING", "PACKED");
        move(device(store), fid, "READY_FOR_PICKUP")
                .then()
                .statusCode(200)
                .body("order.status", is("READY_FOR_PICKUP"))
                .body("fulfillment.pickupLocationId", is(store))
                .body("fulfillment.compartment", nullValue());
        assertEquals(2, fx.reserved(store, sku));
        assertEquals(5, fx.onHand(store, sku));

        String code = wf.pickupCode(fid);
        assertEquals(PickupCodes.LENGTH, code.length());
        verify(pickupPoint(store), store, code.toLowerCase())
                .then()
                .statusCode(200)
                .body("orderId", is(orderId))
                .body("fulfillmentId", is(fid))
                .body("status", is("PICKED_UP"));
        assertEquals(0, fx.reserved(store, sku));
        assertEquals(3, fx.onHand(store, sku));
        assertEquals("COMPLETED", wf.orderStatus(orderId));

        verify(pickupPoint(store), store, code).then().statusCode(409).body("type", endsWith("/pickup-code-used"));
        assertEquals(3, fx.onHand(store, sku));

        assertEquals(
                List.of(
                        "order.status@null:PLACED",
                        "fulfillment.assigned@" + store + ":ASSIGNED",
                        "fulfillment.status@" + store + ":ACCEPTED",
                        "order.status@null:IN_PROGRESS",
                        "fulfillment.status@" + store + ":PICKING",
                        "fulfillment.status@" + store + ":PACKED",
                        "fulfillment.status@" + store + ":READY_FOR_PICKUP",
                        "pickup.ready@" + store + ":READY_FOR_PICKUP",
                        "order.status@null:READY_FOR_PICKUP",
                        "fulfillment.status@" + store + ":PICKED_UP",
                        "pickup.collected@" + store + ":PICKED_UP",
                        "order.status@null:COMPLETED"),
                wf.outbox(orderId));
        assertEquals(
                0,
                fx.count(
                        "select count(*) from event_outbox where order_id = $1 and type like 'pickup.%'"
                                + " and payload ? $2",
                        io.vertx.mutiny.sqlclient.Tuple.of(orderId, PickupCodes.SEALED_FIELD)));
        wf.assertCodeNotStored(orderId, code);
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void curbsideIsHandedOverByTheAssociateAndTheCustomerSeesTheCodeOnItsOrder() {
        String store = fx.store(0.02, "CURBSIDE");
        fx.stock(store, sku, 4);
        JsonPath order = order(Map.of("method", "CURBSIDE", "locationId", store, "lines", List.of(line(sku, 1))));
        String fid = order.getString("fulfillments[0].id");
        walk(() -> device(store), fid, "ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP");

        io.omnigate.TestApi.as(order.getString("accessToken"))
                .get("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(200)
                .body("fulfillments[0].pickupCode", is(wf.pickupCode(fid)));
        asAdmin()
                .get("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(200)
                .body("fulfillments[0].pickupCode", nullValue());

        move(device(store), fid, "PICKED_UP").then().statusCode(200).body("order.status", is("COMPLETED"));
        assertEquals(0, fx.reserved(store, sku));
        assertEquals(3, fx.onHand(store, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void theCustomerStillSeesItsCodeAfterTheOutboxWasPruned() {
        String store = fx.store(0.025, "PICKUP");
        fx.stock(store, sku, 2);
        JsonPath order = order(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        String fid = order.getString("fulfillments[0].id");
        walk(() -> device(store), fid, "ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP");
        String code = wf.pickupCode(fid);

        fx.sql(
                "delete from event_outbox where order_id = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(order.getString("id")));
        io.omnigate.TestApi.as(order.getString("accessToken"))
                .get("/v1/orders/{id}", order.getString("id"))
                .then()
                .statusCode(200)
                .body("fulfillments[0].pickupCode", is(code));
    }

    @Test
    void aStoreSeesOnlyItsOwnFulfillmentAndNoCustomerAddressAnAdminSeesTheOrder() {
        String here = fx.store(0.06, "SHIP_FROM");
        String there = fx.store(0.07, "SHIP_FROM");
        String otherSku = fx.sku();
        fx.stock(here, sku, 3);
        fx.stock(there, otherSku, 3);
        Map<String, Object> body = new java.util.HashMap<>(fx.ship(List.of(line(sku, 1), line(otherSku, 1))));
        body.put("shippingAddress", Map.of("name", "Ada Private", "line1", "1 Secret Lane", "city", "Nome"));
        JsonPath order = order(body);
        String orderId = order.getString("id");
        String mine = order.getString("fulfillments.find { it.locationId == '" + here + "' }.id");
        String theirs = order.getString("fulfillments.find { it.locationId == '" + there + "' }.id");

        String moved = move(device(here), mine, "ACCEPTED")
                .then()
                .statusCode(200)
                .body("order.id", is(orderId))
                .body("order.status", is("IN_PROGRESS"))
                .body("order.destination", nullValue())
                .body("order.shippingAddress", nullValue())
                .body("order.fulfillments", nullValue())
                .body("fulfillment.id", is(mine))
                .extract()
                .asString();
        assertNoneOf(moved, there, theirs, "Secret Lane", "Ada Private");

        String bulk = device(here)
                .body(Map.of("transitions", List.of(Map.of("fulfillmentId", mine, "to", "PICKING"))))
                .post("/v1/fulfillments/transitions")
                .then()
                .statusCode(200)
                .body("results[0].orderStatus", is("IN_PROGRESS"))
                .extract()
                .asString();
        assertNoneOf(bulk, there, theirs, "Secret Lane", "Ada Private");

        String pickList = device(here)
                .get("/v1/locations/{id}/fulfillments", here)
                .then()
                .statusCode(200)
                .body("items.id", is(List.of(mine)))
                .extract()
                .asString();
        assertNoneOf(pickList, there, theirs, "Secret Lane", "Ada Private", "destination");

        move(asAdmin(), theirs, "ACCEPTED")
                .then()
                .statusCode(200)
                .body("order.fulfillments", org.hamcrest.Matchers.hasSize(2))
                .body("order.shippingAddress.line1", is("1 Secret Lane"))
                .body("order.destination.lat", org.hamcrest.Matchers.notNullValue());
    }

    private static void assertNoneOf(String body, String... secrets) {
        for (String secret : secrets) {
            org.junit.jupiter.api.Assertions.assertFalse(body.contains(secret), secret + " leaked: " + body);
        }
    }

    @Test
    void shipmentsGoThroughShippedAndDeliveredAndMayComeBack() {
        String dc = fx.location("DC", 0.01, null, "SHIP_FROM");
        fx.stock(dc, sku, 6);
        JsonPath order = order(fx.ship(List.of(line(sku, 2))));
        String orderId = order.getString("id");
        String fid = order.getString("fulfillments[0].id");
        walk(OrderFixtures::asAdmin, fid, "ACCEPTED", "PICKING", "PACKED");

        move(asAdmin(), fid, "READY_FOR_PICKUP")
                .then()
                .statusCode(409)
                .body("type", endsWith("/invalid-transition"))
                .body("detail", containsString("PACKED to READY_FOR_PICKUP"));
        move(asAdmin(), fid, "SHIPPED").then().statusCode(200).body("order.status", is("SHIPPED"));
        assertEquals(0, fx.reserved(dc, sku));
        assertEquals(4, fx.onHand(dc, sku));

        move(asAdmin(), fid, "DELIVERED").then().statusCode(200).body("order.status", is("COMPLETED"));
        move(asAdmin(), fid, "RETURNED").then().statusCode(200).body("order.status", is("RETURNED"));
        assertEquals(4, fx.onHand(dc, sku), "RETURNED alone puts nothing back; the returns endpoint does");
        String returnsDesk = fx.store(0.012, "RETURNS");
        String returnId = asAdmin()
                .body(Map.of("method", "IN_STORE", "locationId", returnsDesk, "lines", List.of(line(sku, 2))))
                .post("/v1/orders/{id}/returns", orderId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asAdmin()
                .body(Map.of("lines", List.of(Map.of("sku", sku, "restock", 2))))
                .post("/v1/returns/{id}/receipt", returnId)
                .then()
                .statusCode(200);
        assertEquals(2, fx.onHand(returnsDesk, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void illegalTransitionsAre409AndChangeNothing() {
        String store = fx.store(0.03, "PICKUP");
        fx.stock(store, sku, 3);
        JsonPath order = order(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        String orderId = order.getString("id");
        String fid = order.getString("fulfillments[0].id");
        long events = wf.events(orderId);

        for (String to : List.of(
                "PACKED",
                "PICKING",
                "READY_FOR_PICKUP",
                "PICKED_UP",
                "SHIPPED",
                "DELIVERED",
                "EXPIRED",
                "RETURNED",
                "ASSIGNED")) {
            move(device(store), fid, to)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/invalid-transition"))
                    .body("detail", containsString("from ASSIGNED to " + to));
        }
        move(device(store), fid, "TELEPORTED").then().statusCode(400);
        asAdmin()
                .body(Map.of("to", "ACCEPTED", "lines", List.of(line(sku, 1))))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(400);
        asAdmin()
                .body(Map.of("to", "ACCEPTED"))
                .post("/v1/fulfillments/F-nope/transitions")
                .then()
                .statusCode(404);

        assertEquals("ASSIGNED", wf.status(fid));
        assertEquals("PLACED", wf.orderStatus(orderId));
        assertEquals(events, wf.events(orderId));
        assertEquals(1, fx.reserved(store, sku));
        assertEquals(3, fx.onHand(store, sku));

        String other = fx.store(0.031, "PICKUP");
        move(device(other), fid, "ACCEPTED").then().statusCode(403);
        assertEquals("ASSIGNED", wf.status(fid));
    }

    @Test
    void cancellingAFulfillmentReleasesItsStockAndAnExpiredOneCannotBeCollected() {
        String store = fx.store(0.04, "PICKUP");
        fx.stock(store, sku, 3);
        JsonPath order = order(OrderFixtures.pickup(store, List.of(line(sku, 2))));
        String fid = order.getString("fulfillments[0].id");
        walk(() -> device(store), fid, "ACCEPTED", "PICKING");
        asAdmin()
                .body(Map.of("to", "CANCELLED", "reason", "damaged"))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(200)
                .body("fulfillment.reason", is("damaged"))
                .body("order.status", is("CANCELLED"));
        assertEquals(0, fx.reserved(store, sku));
        assertEquals(3, fx.onHand(store, sku));
        move(device(store), fid, "PACKED").then().statusCode(409);
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void twoDevicesRacingOnOneTransitionGetOneSuccess() throws Exception {
        String store = fx.store(0.05, "PICKUP");
        fx.stock(store, sku, 3);
        JsonPath order = order(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        String fid = order.getString("fulfillments[0].id");
        String token = io.omnigate.TestApi.mint(io.omnigate.security.Roles.STORE_DEVICE, store);
        List<Integer> statuses = Parallel.run(
                8, () -> move(io.omnigate.TestApi.as(token), fid, "ACCEPTED").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(
                1,
                fx.count(
                        "select count(*) from event_outbox where fulfillment_id = $1 and status = 'ACCEPTED'",
                        io.vertx.mutiny.sqlclient.Tuple.of(fid)));
    }
}
