package io.omnigate.events;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.inventory.ReplicaOn;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replica's change notices travel through the outbox next to the order events, but no stream,
 * replay or order history ever shows one.
 */
@QuarkusTest
@TestProfile(ReplicaOn.class)
class InternalEventsStayInternalTest extends StreamTestBase {

    @Test
    void stockNoticesNeverReachAStreamAReplayOrTheHistory() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        Instant started = Instant.now().minusSeconds(1);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 20);
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        String url = url("/v1/locations/" + store + "/events");
        String order;
        try (SseClient stream = SseClient.open(url, device, "0")) {
            assertEquals(200, stream.status());
            order = place(pickup(store, List.of(line(sku, 2))))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            TestApi.admin()
                    .body(Map.of("asOf", Instant.now().toString(), "items", List.of(Map.of("sku", sku, "onHand", 30))))
                    .put("/v1/locations/{id}/inventory", store)
                    .then()
                    .statusCode(200);
            stream.next("fulfillment.assigned", WAIT);
            place(pickup(store, List.of(line(sku, 1)))).then().statusCode(201);
            stream.next("fulfillment.assigned", WAIT);
            for (SseClient.Event event : stream.drain(Duration.ofSeconds(2))) {
                assertTrue(!OutboxEvent.isInternalType(event.type()), "streamed " + event);
            }
        }
        try (SseClient replay = SseClient.open(url, device, "0")) {
            replay.next("fulfillment.assigned", WAIT);
            for (SseClient.Event event : replay.drain(Duration.ofSeconds(2))) {
                assertTrue(!OutboxEvent.isInternalType(event.type()), "replayed " + event);
            }
        }
        assertTrue(
                fx.count(
                                "select count(*) from event_outbox where type like 'internal.%' and seq is not null"
                                        + " and created_at > now() - interval '1 minute'",
                                Tuple.tuple())
                        > 0,
                "the notices were written and numbered");
        assertEquals(
                0,
                fx.count(
                        "select count(*) from order_history where order_id = $1 and type like 'internal.%'",
                        Tuple.of(order)));
        assertEquals(
                0,
                fx.count(
                        "select count(*) from event_outbox where type like 'internal.%' and created_at >= $1"
                                + " and (order_id is not null or location_id is not null)",
                        Tuple.of(started.atOffset(java.time.ZoneOffset.UTC))));
    }
}
