package io.omnigate.events;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store and pickup workflow as the streams show it, end to end over HTTP. */
@QuarkusTest
class WorkflowStreamTest extends StreamTestBase {

    static void move(String token, String fulfillmentId, String to) {
        TestApi.as(token)
                .body(Map.of("to", to))
                .post("/v1/fulfillments/{id}/transitions", fulfillmentId)
                .then()
                .statusCode(200);
    }

    static JsonPath data(SseClient.Event event) {
        return new JsonPath(event.data());
    }

    @Test
    void aDeviceThatDropsAndResumesGetsExactlyTheThreeChangesItMissedThenLiveOnes() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String shop = fx.store(0, "SHIP_FROM");
        String sku = fx.sku();
        fx.stock(shop, sku, 5);
        String device = TestApi.mint(Roles.STORE_DEVICE, shop);
        String fulfillment = place(fx.ship(List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("fulfillments[0].id");
        String stream = url("/v1/locations/" + shop + "/events");

        String last;
        try (SseClient live = SseClient.open(stream, device, null)) {
            move(device, fulfillment, "ACCEPTED");
            SseClient.Event accepted = live.next(WAIT);
            assertEquals("fulfillment.status", accepted.type());
            assertEquals("ACCEPTED", data(accepted).getString("status"));
            assertEquals("ASSIGNED", data(accepted).getString("previousStatus"));
            assertEquals(fulfillment, data(accepted).getString("fulfillmentId"));
            last = accepted.id();
        }

        move(device, fulfillment, "PICKING");
        move(device, fulfillment, "PACKED");
        move(device, fulfillment, "SHIPPED");

        try (SseClient resumed = SseClient.open(stream, device, last)) {
            long previous = Long.parseLong(last);
            for (String status : List.of("PICKING", "PACKED", "SHIPPED")) {
                SseClient.Event event = resumed.next(WAIT);
                assertEquals("fulfillment.status", event.type());
                assertEquals(status, data(event).getString("status"));
                assertTrue(Long.parseLong(event.id()) > previous);
                previous = Long.parseLong(event.id());
            }
            move(device, fulfillment, "DELIVERED");
            assertEquals("DELIVERED", data(resumed.next(WAIT)).getString("status"));
            assertEquals(List.of(), resumed.drain(Duration.ofMillis(500)));
        }
    }

    @Test
    void theCustomerSeesThePickupCodeTheKioskSeesOnlyPickupEventsAndTheCodeHandsOver() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String shop = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(shop, sku, 5);
        String device = TestApi.mint(Roles.STORE_DEVICE, shop);
        String kiosk = TestApi.mint(Roles.PICKUP_POINT, shop);
        JsonPath order = place(pickup(shop, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fulfillment = order.getString("fulfillments[0].id");

        try (SseClient customer = SseClient.open(
                        url("/v1/orders/" + order.getString("id") + "/events"), order.getString("accessToken"), null);
                SseClient store = SseClient.open(url("/v1/locations/" + shop + "/events"), device, null);
                SseClient pickupPoint = SseClient.open(url("/v1/locations/" + shop + "/events"), kiosk, null)) {
            for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
                move(device, fulfillment, to);
            }
            SseClient.Event ready = customer.next(WAIT);
            while (!"READY_FOR_PICKUP".equals(data(ready).getString("status"))
                    || !"fulfillment.status".equals(ready.type())) {
                ready = customer.next(WAIT);
            }
            String code = data(ready).getString("pickupCode");
            assertEquals(8, code.length(), "the customer's stream carries the code");
            assertNull(data(ready).get("pickupCodeSealed"), "never the sealed form");

            SseClient.Event storeReady = store.next(WAIT);
            while (!"READY_FOR_PICKUP".equals(data(storeReady).getString("status"))) {
                storeReady = store.next(WAIT);
            }
            assertNull(data(storeReady).get("pickupCode"), "a store device does not see the code");
            assertNull(data(storeReady).get("pickupCodeSealed"));

            SseClient.Event kioskReady = pickupPoint.next(WAIT);
            assertEquals("pickup.ready", kioskReady.type(), "the kiosk sees pickup events only");
            assertFalse(kioskReady.data().contains(code));

            TestApi.as(kiosk)
                    .body(Map.of("code", code))
                    .post("/v1/locations/{id}/pickups/verify", shop)
                    .then()
                    .statusCode(200);
            assertEquals("pickup.collected", pickupPoint.next(WAIT).type());
            SseClient.Event pickedUp = customer.next("fulfillment.status", WAIT);
            assertEquals("PICKED_UP", data(pickedUp).getString("status"));
            assertEquals(List.of(), pickupPoint.drain(Duration.ofMillis(300)), "nothing else for the kiosk");
        }
    }

    @Test
    void anAdminFollowingAnOrderNeverSeesItsPickupCodeLiveOrReplayed() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String shop = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(shop, sku, 5);
        String device = TestApi.mint(Roles.STORE_DEVICE, shop);
        String admin = TestApi.mint(Roles.ADMIN, null);
        JsonPath order = place(pickup(shop, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String stream = url("/v1/orders/" + order.getString("id") + "/events");

        try (SseClient operator = SseClient.open(stream, admin, null);
                SseClient customer = SseClient.open(stream, order.getString("accessToken"), null)) {
            for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
                move(device, order.getString("fulfillments[0].id"), to);
            }
            assertTrue(readyEvent(customer).data().contains("\"pickupCode\""), "the customer's own stream has it");
            SseClient.Event live = readyEvent(operator);
            assertNull(data(live).get("pickupCode"), "an admin's live stream never carries the code");
            assertNull(data(live).get("pickupCodeSealed"));
        }
        try (SseClient replay = SseClient.open(stream, TestApi.bootstrapSecret(), null)) {
            SseClient.Event replayed = readyEvent(replay);
            assertNull(data(replayed).get("pickupCode"), "nor does the story so far, replayed to the bootstrap admin");
            assertNull(data(replayed).get("pickupCodeSealed"));
        }
    }

    static SseClient.Event readyEvent(SseClient stream) throws Exception {
        SseClient.Event event = stream.next(WAIT);
        while (!"READY_FOR_PICKUP".equals(data(event).getString("status"))
                || !"fulfillment.status".equals(event.type())) {
            event = stream.next(WAIT);
        }
        return event;
    }
}
