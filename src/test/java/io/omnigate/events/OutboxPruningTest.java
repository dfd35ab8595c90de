package io.omnigate.events;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.Eventually;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxPruningTest extends StreamTestBase {

    @Inject
    EventStore store;

    @Test
    void prunedEventsLeaveTheOutboxButNotTheOrderHistoryAndAStaleResumeIsToldToReload() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String shop = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(shop, sku, 10);
        String device = TestApi.mint(Roles.STORE_DEVICE, shop);
        JsonPath order = place(pickup(shop, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String first;
        try (SseClient stream = SseClient.open(url("/v1/locations/" + shop + "/events"), device, "0")) {
            first = stream.next("fulfillment.assigned", WAIT).id();
        }

        long pruned = store.prune(Duration.ZERO, 1_000_000).await().atMost(WAIT);
        assertTrue(pruned >= 1);
        assertEquals(0, fx.count("select count(*) from event_outbox where location_id = $1", Tuple.of(shop)));
        long horizon = store.position().await().atMost(WAIT).prunedThrough();
        assertTrue(horizon >= Long.parseLong(first));

        try (SseClient stream = SseClient.open(
                url("/v1/locations/" + shop + "/events"), device, Long.toString(Long.parseLong(first) - 1))) {
            SseClient.Event reset = stream.next(WAIT);
            assertEquals("stream.reset", reset.type());
            assertNull(reset.id(), "a notice does not move the client's Last-Event-ID");
            String later = place(pickup(shop, List.of(line(sku, 1))))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            assertEquals(later, new JsonPath(stream.next(WAIT).data()).getString("orderId"));
        }

        try (SseClient stream = SseClient.open(
                url("/v1/orders/" + order.getString("id") + "/events"), order.getString("accessToken"), null)) {
            SseClient.Event placed = stream.next(WAIT);
            assertEquals("order.status", placed.type());
            assertEquals("PLACED", new JsonPath(placed.data()).getString("status"));
        }
    }

    @Test
    void pruningTakesEventsOlderThanTheRetentionAndKeepsYoungerOnes() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String shop = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(shop, sku, 10);
        place(pickup(shop, List.of(line(sku, 1)))).then().statusCode(201);
        place(pickup(shop, List.of(line(sku, 1)))).then().statusCode(201);
        Eventually.eventually(
                WAIT,
                () -> assertEquals(
                        0,
                        fx.count(
                                "select count(*) from event_outbox where location_id = $1 and seq is null",
                                Tuple.of(shop))));
        long events = fx.count("select count(*) from event_outbox where location_id = $1", Tuple.of(shop));
        long aged = fx.count(
                "with a as (update event_outbox set created_at = now() - interval '2 hours'"
                        + " where id in (select id from event_outbox where location_id = $1 order by id limit 1)"
                        + " returning 1) select count(*) from a",
                Tuple.of(shop));
        assertEquals(1, aged);

        // everything older than the shop's oldest event goes too, so only the shop's count is asserted
        store.prune(Duration.ofHours(1), 1_000_000).await().atMost(WAIT);

        assertEquals(events - 1, fx.count("select count(*) from event_outbox where location_id = $1", Tuple.of(shop)));
    }
}
