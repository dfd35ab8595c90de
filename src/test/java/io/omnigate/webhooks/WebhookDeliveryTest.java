package io.omnigate.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.events.OutboxEvent;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks against a real local HTTP target (WireMock): signatures, order, retries, parking. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String SECRET = "whsec_"
            + Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                29, 30, 31, 32
            });
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer target;

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private String store;
    private String sku;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeAll
    static void startTarget() {
        target =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(30));
        target.start();
    }

    @AfterAll
    static void stopTarget() {
        target.stop();
    }

    @BeforeEach
    void network() {
        target.resetAll();
        target.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(204)));
        fx = new OrderFixtures(pool);
        store = fx.store(0.01, "PICKUP");
        sku = fx.sku();
        fx.stock(store, sku, 100);
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(
                id -> admin().delete("/v1/webhooks/{id}", id).then().statusCode(204));
    }

    @Test
    void everyEventOfAnOrderArrivesSignedOnceInSeqOrderWithoutThePickupCode() throws Exception {
        String subscription = subscribe("/ok", List.of("*"));
        String orderId = placeAndWalkToReady();
        long expected = fx.count(
                "select count(*) from event_outbox where order_id = $1 and type ~ '^(order|fulfillment|pickup)\\.'",
                Tuple.of(orderId));
        assertTrue(expected >= 5, "placement and four transitions write events");

        eventually(
                Duration.ofSeconds(20),
                () -> assertEquals(expected, received("/ok", orderId).size()));
        List<LoggedRequest> requests = received("/ok", orderId);
        long lastSeq = 0;
        for (LoggedRequest request : requests) {
            assertSignedBy(SECRET, request);
            JsonNode body = JSON.readTree(request.getBodyAsString());
            long seq = body.path("data").path("seq").asLong();
            assertTrue(seq > lastSeq, "seq order within the order: " + seq + " after " + lastSeq);
            lastSeq = seq;
            assertEquals("msg_" + subscription + "_" + seq, request.getHeader("webhook-id"));
            assertFalse(request.getBodyAsString().contains("Sealed"), "sealed fields never leave");
            assertFalse(body.path("data").has("pickupCode"), "the pickup code is the customer's alone");
        }
        assertTrue(requests.stream().anyMatch(r -> r.getBodyAsString().contains("\"READY_FOR_PICKUP\"")));
        assertEquals(expected, deliveries(subscription, "DELIVERED").size());
    }

    @Test
    void failuresAndTimeoutsAreRetriedWithTheSameIdUntilTheTargetAccepts() throws Exception {
        target.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("database down"))
                .willSetStateTo("slow"));
        target.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500))
                .willSetStateTo("fine"));
        target.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("fine")
                .willReturn(aResponse().withStatus(200).withBody("thanks")));
        String subscription = subscribe("/flaky", List.of("fulfillment.assigned"));
        String orderId = placeOrder();

        eventually(Duration.ofSeconds(20), () -> {
            List<JsonNode> done = deliveries(subscription, "DELIVERED");
            assertEquals(1, done.size(), () -> "log: " + deliveries(subscription, null));
            assertEquals(3, done.get(0).path("attempts").asInt());
            assertEquals(200, done.get(0).path("lastStatus").asInt());
            assertEquals("thanks", done.get(0).path("lastResponse").asText());
        });
        List<LoggedRequest> attempts = received("/flaky", orderId);
        assertEquals(3, attempts.size());
        assertEquals(
                1,
                new HashSet<>(attempts.stream()
                                .map(r -> r.getHeader("webhook-id"))
                                .toList())
                        .size());
        for (LoggedRequest attempt : attempts) {
            assertSignedBy(SECRET, attempt);
        }
    }

    @Test
    void aDeliveryIsParkedAfterTheRetryTimeAndRedeliveredOnDemand() throws Exception {
        target.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        String subscription = subscribe("/down", List.of("fulfillment.assigned"));
        String orderId = placeOrder();

        eventually(Duration.ofSeconds(20), () -> {
            List<JsonNode> parked = deliveries(subscription, "PARKED");
            assertEquals(1, parked.size());
            assertTrue(parked.get(0).path("attempts").asInt() >= 2, "retried before parking");
            assertEquals(503, parked.get(0).path("lastStatus").asInt());
        });
        int triedBefore = received("/down", orderId).size();

        target.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(200)));
        admin().post("/v1/webhooks/{id}/deliveries/redeliver-parked", subscription)
                .then()
                .statusCode(200)
                .body("requeued", org.hamcrest.Matchers.is(1));
        eventually(
                Duration.ofSeconds(10),
                () -> assertEquals(1, deliveries(subscription, "DELIVERED").size()));
        assertEquals(triedBefore + 1, received("/down", orderId).size());
        assertEquals(0, deliveries(subscription, "PARKED").size());
    }

    @Test
    void aSlowTargetDelaysOnlyItsOwnQueue() {
        target.stubFor(post(urlEqualTo("/stuck"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        String stuck = subscribe("/stuck", List.of("*"));
        subscribe("/ok", List.of("order.*", "fulfillment.*"));
        String orderId = placeAndWalkToReady();

        eventually(
                Duration.ofSeconds(10),
                () -> assertTrue(received("/ok", orderId).size() >= 5));
        assertEquals(0, deliveries(stuck, "DELIVERED").size(), "the stuck target got nothing through");
    }

    @Test
    void internalEventTypesAreNeverDelivered() {
        String subscription = subscribe("/ok", List.of("*"));
        fx.sql(
                // An internal notice as the replica's triggers write it: no order, no location.
                "insert into event_outbox (type, location_id, payload) values ('stock.changed', $1, '{}'),"
                        + " ($2, null, '{}')",
                Tuple.of(store, OutboxEvent.INTERNAL_PREFIX + "stock"));
        String orderId = placeOrder();

        // The order's own events arrive (one or more, depending on how the dispatcher's polls fall).
        eventually(
                Duration.ofSeconds(20),
                () -> assertFalse(received("/ok", orderId).isEmpty(), "the order's events were delivered"));
        assertEquals(
                0,
                fx.count(
                        "select count(*) from webhook_delivery where subscription_id = $1"
                                + " and event_type in ('stock.changed', 'internal.stock')",
                        Tuple.of(subscription)));
        assertTrue(target.findAll(postRequestedFor(urlEqualTo("/ok"))).stream()
                .noneMatch(r -> r.getBodyAsString().contains("stock.changed")
                        || r.getBodyAsString().contains("internal.")));
    }

    private String subscribe(String path, List<String> types) {
        String id = admin().body(Map.of("url", target.baseUrl() + path, "eventTypes", types, "secret", SECRET))
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .body("secret", org.hamcrest.Matchers.is(SECRET))
                .extract()
                .path("id");
        subscriptions.add(id);
        return id;
    }

    private String placeOrder() {
        return place(OrderFixtures.pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String placeAndWalkToReady() {
        JsonPath order = place(OrderFixtures.pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
            TestApi.as(device)
                    .body(Map.of("to", to))
                    .post("/v1/fulfillments/{id}/transitions", order.getString("fulfillments[0].id"))
                    .then()
                    .statusCode(200);
        }
        return order.getString("id");
    }

    /** The target's requests about one order, in the order they arrived. */
    private static List<LoggedRequest> received(String path, String orderId) {
        return target.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(r -> orderId.equals(readTree(r.getBodyAsString())
                        .path("data")
                        .path("orderId")
                        .asText()))
                .toList();
    }

    private static List<JsonNode> deliveries(String subscription, String state) {
        String page = (state == null ? admin() : admin().queryParam("state", state))
                .get("/v1/webhooks/{id}/deliveries", subscription)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<JsonNode> out = new ArrayList<>();
        readTree(page).path("deliveries").forEach(out::add);
        return out;
    }

    /** Checks the Standard Webhooks signature the way a receiver would, without omnigate's code. */
    private static void assertSignedBy(String secret, LoggedRequest request) throws Exception {
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
        assertTrue(age < 300, "timestamp is current");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected =
                mac.doFinal((id + "." + timestamp + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8));
        List<String> offered = List.of(request.getHeader("webhook-signature").split(" "));
        assertTrue(
                offered.contains("v1," + Base64.getEncoder().encodeToString(expected)),
                "signature " + offered + " verifies");
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
