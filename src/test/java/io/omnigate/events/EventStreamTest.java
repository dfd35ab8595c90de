package io.omnigate.events;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.omnigate.security.TokenService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStreamTest extends StreamTestBase {

    @Inject
    StreamHub hub;

    @Inject
    TokenService tokens;

    OrderFixtures fx;
    String store;
    String sku;
    String device;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        store = fx.store(0, "PICKUP");
        sku = fx.sku();
        fx.stock(store, sku, 100);
        device = TestApi.mint(Roles.STORE_DEVICE, store);
    }

    /** A pickup order of one unit at the test's store, as the checkout placed it. */
    JsonPath placed() {
        return place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    String order() {
        return placed().getString("id");
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheMissedEventsInOrderThenLiveOnes() throws Exception {
        String first;
        try (SseClient stream = SseClient.open(url("/v1/locations/" + store + "/events"), device, null)) {
            assertEquals(200, stream.status());
            assertTrue(stream.header("Content-Type").startsWith("text/event-stream"));
            String placed = order();
            SseClient.Event assigned = stream.next(WAIT);
            assertEquals("fulfillment.assigned", assigned.type());
            JsonPath data = new JsonPath(assigned.data());
            assertEquals(placed, data.getString("orderId"));
            assertEquals(store, data.getString("locationId"));
            assertEquals("ASSIGNED", data.getString("status"));
            assertEquals(assigned.id(), data.getString("seq"));
            assertNotNull(data.getString("at"));
            assertEquals("2000", stream.retry());
            first = assigned.id();
        }

        List<String> missed = List.of(order(), order(), order());

        try (SseClient stream = SseClient.open(url("/v1/locations/" + store + "/events"), device, first)) {
            long previous = Long.parseLong(first);
            for (String orderId : missed) {
                SseClient.Event event = stream.next(WAIT);
                assertEquals(orderId, new JsonPath(event.data()).getString("orderId"));
                assertTrue(Long.parseLong(event.id()) > previous, "ids increase");
                previous = Long.parseLong(event.id());
            }
            String later = order();
            SseClient.Event live = stream.next(WAIT);
            assertEquals(later, new JsonPath(live.data()).getString("orderId"));
            assertEquals(List.of(), stream.drain(Duration.ofMillis(500)), "no duplicates at the seam");
        }
    }

    @Test
    void theLastEventIdQueryParameterWorksForClientsThatCannotSetHeaders() throws Exception {
        String first = order();
        long seq;
        try (SseClient stream = SseClient.open(url("/v1/locations/" + store + "/events"), device, "0")) {
            seq = Long.parseLong(stream.next("fulfillment.assigned", WAIT).id());
        }
        String second = order();
        try (SseClient stream = SseClient.open(
                url("/v1/locations/" + store + "/events?access_token=" + device + "&lastEventId=" + seq))) {
            assertEquals(200, stream.status());
            assertEquals(second, new JsonPath(stream.next(WAIT).data()).getString("orderId"));
        }
        assertNotNull(first);
    }

    @Test
    void anOrderStreamStartsWithTheOrderStorySoFarThenFollowsIt() throws Exception {
        JsonPath placed = placed();
        String orderId = placed.getString("id");
        String token = placed.getString("accessToken");
        try (SseClient stream = SseClient.open(url("/v1/orders/" + orderId + "/events?access_token=" + token))) {
            assertEquals(200, stream.status());
            SseClient.Event status = stream.next(WAIT);
            assertEquals("order.status", status.type());
            assertEquals("PLACED", new JsonPath(status.data()).getString("status"));

            TestApi.as(token).post("/v1/orders/{id}/cancel", orderId).then().statusCode(200);
            SseClient.Event cancelled = stream.next("order.status", WAIT);
            assertEquals("CANCELLED", new JsonPath(cancelled.data()).getString("status"));
            assertTrue(Long.parseLong(cancelled.id()) > Long.parseLong(status.id()));
        }
        // Resuming an order stream replays only what came after Last-Event-ID, from the history.
        String placedId;
        try (SseClient first = SseClient.open(url("/v1/orders/" + orderId + "/events"), token, null)) {
            placedId = first.next("order.status", WAIT).id();
        }
        try (SseClient resumed = SseClient.open(url("/v1/orders/" + orderId + "/events"), token, placedId)) {
            SseClient.Event next = resumed.next(WAIT);
            assertTrue(Long.parseLong(next.id()) > Long.parseLong(placedId));
            assertEquals("CANCELLED", new JsonPath(next.data()).getString("status"));
            assertEquals(List.of(), resumed.drain(Duration.ofMillis(300)));
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndOnlyThatStreamOfItsHttp2Connection() throws Exception {
        JsonPath placed = placed();
        String orderId = placed.getString("id");
        String shortLived = tokens.mintOrderToken(orderId, Duration.ofSeconds(3));
        try (SseClient expiring = SseClient.openOverHttp2(url("/v1/orders/" + orderId + "/events"), shortLived);
                SseClient other = SseClient.openOverHttp2(url("/v1/locations/" + store + "/events"), device)) {
            assertEquals(200, expiring.status());
            assertEquals(200, other.status());
            assertEquals("order.status", expiring.next(WAIT).type());
            eventually(WAIT, () -> assertTrue(expiring.ended(), "the stream closed when its token expired"));
            String later = order();
            assertEquals(
                    later,
                    new JsonPath(other.next("fulfillment.assigned", WAIT).data()).getString("orderId"),
                    "the other stream on the same connection lives on");
        }
    }

    @Test
    void aLastEventIdAheadOfTheDatabaseIsToldToResetAndThenFollowsLiveEvents() throws Exception {
        try (SseClient stream = SseClient.open(url("/v1/locations/" + store + "/events"), device, "999999999999")) {
            SseClient.Event reset = stream.next(WAIT);
            assertEquals("stream.reset", reset.type());
            assertNull(reset.id());
            String placed = order();
            assertEquals(placed, new JsonPath(stream.next(WAIT).data()).getString("orderId"));
        }
    }

    @Test
    void heartbeatsAreCommentLinesAndAClosedClientFreesItsStreamAtOnce() throws Exception {
        int before = hub.size();
        SseClient stream = SseClient.open(url("/v1/locations/" + store + "/events"), device, null);
        awaitStreams(before + 1);
        eventually(
                Duration.ofMillis(2_500),
                () -> assertTrue(
                        stream.comments() >= 2, "heartbeat comments every second in tests, saw " + stream.comments()));
        assertEquals(List.of(), stream.drain(Duration.ofMillis(10)), "heartbeats are not events");
        stream.close();
        awaitStreams(before);
    }

    @Test
    void streamsAreScopedToTheirOrderAndLocation() throws Exception {
        JsonPath mine = placed();
        JsonPath other = placed();
        String otherStore = fx.store(0.5, "PICKUP");

        assertRefused(url("/v1/orders/" + mine.getString("id") + "/events"), other.getString("accessToken"), 403);
        assertRefused(url("/v1/locations/" + store + "/events"), TestApi.mint(Roles.STORE_DEVICE, otherStore), 403);
        assertRefused(url("/v1/locations/" + store + "/events"), TestApi.mint(Roles.PICKUP_POINT, otherStore), 403);
        assertRefused(url("/v1/locations/" + store + "/events"), TestApi.mint(Roles.CHECKOUT, null), 403);
        assertRefused(url("/v1/locations/" + store + "/events"), mine.getString("accessToken"), 403);
        assertRefused(url("/v1/orders/" + mine.getString("id") + "/events"), device, 403);
        assertRefused(url("/v1/locations/" + store + "/events"), null, 401);
        assertRefused(url("/v1/locations/" + store + "/events"), "not-a-token", 401);
        assertRefused(url("/v1/orders/O-nope/events"), TestApi.bootstrapSecret(), 404);
        assertRefused(url("/v1/locations/NOPE-" + store + "/events"), TestApi.bootstrapSecret(), 404);
        try (SseClient bad = SseClient.open(url("/v1/locations/" + store + "/events"), device, "yesterday")) {
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("lastEventId"));
        }
    }

    @Test
    void everyRoleAgainstBothStreams() throws Exception {
        JsonPath placed = placed();
        String orderUrl = url("/v1/orders/" + placed.getString("id") + "/events");
        String locationUrl = url("/v1/locations/" + store + "/events");
        Map<String, String> tokens = Map.of(
                Roles.ADMIN, TestApi.mint(Roles.ADMIN, null),
                Roles.CHECKOUT, TestApi.mint(Roles.CHECKOUT, null),
                Roles.INVENTORY_FEED, TestApi.mint(Roles.INVENTORY_FEED, null),
                Roles.STORE_DEVICE, device,
                Roles.PICKUP_POINT, TestApi.mint(Roles.PICKUP_POINT, store),
                Roles.ORDER, placed.getString("accessToken"));
        Map<String, List<String>> allowed = Map.of(
                orderUrl, List.of(Roles.ADMIN, Roles.ORDER),
                locationUrl, List.of(Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT));
        for (Map.Entry<String, List<String>> stream : allowed.entrySet()) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                if (stream.getValue().contains(token.getKey())) {
                    try (SseClient open = SseClient.open(stream.getKey(), token.getValue(), null)) {
                        assertEquals(200, open.status(), token.getKey() + " on " + stream.getKey());
                    }
                } else {
                    assertRefused(stream.getKey(), token.getValue(), 403);
                }
            }
        }
    }

    private void assertRefused(String url, String token, int status) throws Exception {
        try (SseClient stream = SseClient.open(url, token, null)) {
            assertEquals(status, stream.status(), url);
            assertEquals("application/problem+json", stream.header("Content-Type"));
            Map<String, Object> problem = new JsonPath(stream.body()).getMap("");
            assertEquals(status, problem.get("status"));
            if (status == 401) {
                assertEquals("Bearer", stream.header("WWW-Authenticate"));
            }
        }
    }

    private void awaitStreams(int expected) {
        eventually(WAIT, () -> assertEquals(expected, hub.size()));
    }
}
