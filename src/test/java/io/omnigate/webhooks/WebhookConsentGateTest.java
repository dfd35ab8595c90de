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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.customers.CustomerFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sharing gate on webhooks, against a real local HTTP target: a third-party subscriber gets the
 * customer's contact data exactly while the matching share.* consent is granted, and the register
 * records each disclosure; the retailer's own back end gets the customer id and no contact data.
 */
@QuarkusTest
class WebhookConsentGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "gate.tester@example.com";
    private static final String PHONE = "+39 333 7654321";
    private static final String NAME = "Gianna Gate";
    private static WireMockServer target;

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private String store;
    private String sku;
    private String customerId;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeAll
    static void startTarget() {
        target = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        target.start();
    }

    @AfterAll
    static void stopTarget() {
        target.stop();
    }

    @BeforeEach
    void network() {
        target.resetAll();
        target.stubFor(post(urlEqualTo("/carrier")).willReturn(aResponse().withStatus(204)));
        target.stubFor(post(urlEqualTo("/retailer")).willReturn(aResponse().withStatus(204)));
        fx = new OrderFixtures(pool);
        store = fx.store(0.01, "PICKUP");
        sku = fx.sku();
        fx.stock(store, sku, 100);
        customerId = TestApi.unique("GATE");
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(
                id -> admin().delete("/v1/webhooks/{id}", id).then().statusCode(204));
    }

    @Test
    void aCarrierGetsContactDataExactlyWhileShareCarrierIsGranted() {
        String carrier = subscribe("/carrier", "carrier");
        String retailer = subscribe("/retailer", null);

        String before = placeOrder();
        JsonNode withheld = receivedData("/carrier", before);
        assertFalse(withheld.path("customer").path("shared").asBoolean(true));
        assertEquals(
                "share.carrier", withheld.path("customer").path("withheldFor").asText());
        assertNoContact(rawBody("/carrier", before));
        assertFalse(rawBody("/carrier", before).contains(customerId), "a third party gets no customer id");
        JsonNode own = receivedData("/retailer", before);
        assertEquals(customerId, own.path("customerId").asText());
        assertNoContact(rawBody("/retailer", before));

        long grant = consent(Map.of("share.carrier", true));
        String granted = placeOrder();
        JsonNode shared = receivedData("/carrier", granted).path("customer");
        assertTrue(shared.path("shared").asBoolean());
        assertEquals(NAME, shared.path("name").asText());
        assertEquals(EMAIL, shared.path("email").asText());
        assertEquals(PHONE, shared.path("phone").asText());
        eventually(Duration.ofSeconds(10), () -> {
            List<Row> register = disclosures(granted);
            assertEquals(1, register.size(), "one disclosure, to the carrier subscriber only");
            Row row = register.get(0);
            assertEquals("webhook:" + carrier, row.getString("recipient"));
            assertEquals("share.carrier", row.getString("recipient_class"));
            assertEquals("consent", row.getString("basis"));
            assertEquals(grant, row.getLong("consent_record_id"));
            assertTrue(List.of(row.getArrayOfStrings("fields")).containsAll(List.of("name", "email", "phone")));
        });
        assertNoContact(rawBody("/retailer", granted));

        consent(Map.of("share.carrier", false));
        String after = placeOrder();
        assertFalse(
                receivedData("/carrier", after).path("customer").path("shared").asBoolean(true));
        assertNoContact(rawBody("/carrier", after));
        assertEquals(0, disclosures(after).size());
        assertEquals(0, disclosures(before).size());
        assertTrue(retailer.startsWith("wh_"));
    }

    @Test
    void aWithdrawalBeforeTheSendStripsAQueuedBodyAndNothingIsRegistered() {
        target.stubFor(post(urlEqualTo("/carrier-down")).willReturn(aResponse().withStatus(503)));
        String carrier = subscribe("/carrier-down", "carrier");
        consent(Map.of("share.carrier", true));
        String orderId = placeOrder();
        eventually(Duration.ofSeconds(20), () -> assertEquals(1, parked(carrier)));
        assertTrue(rawBody("/carrier-down", orderId).contains(EMAIL), "queued with consent, sent with it");
        assertEquals(0, disclosures(orderId).size(), "nothing was accepted, so nothing was disclosed");

        consent(Map.of("share.carrier", false));
        target.stubFor(post(urlEqualTo("/carrier-down")).willReturn(aResponse().withStatus(200)));
        admin().post("/v1/webhooks/{id}/deliveries/redeliver-parked", carrier)
                .then()
                .statusCode(200);
        eventually(Duration.ofSeconds(10), () -> {
            List<LoggedRequest> sent = received("/carrier-down", orderId);
            String last = sent.get(sent.size() - 1).getBodyAsString();
            assertNoContact(last);
            assertTrue(last.contains("\"withheldFor\":\"share.carrier\""), last);
        });
        eventually(Duration.ofSeconds(10), () -> assertEquals(0, parked(carrier)));
        assertEquals(0, disclosures(orderId).size());
    }

    @Test
    void anUnknownRecipientClassIsA400() {
        admin().body(Map.of("url", target.baseUrl() + "/x", "eventTypes", List.of("*"), "recipientClass", "spy"))
                .post("/v1/webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private String subscribe(String path, String recipientClass) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", target.baseUrl() + path);
        body.put("eventTypes", List.of("fulfillment.assigned"));
        if (recipientClass != null) {
            body.put("recipientClass", recipientClass);
        }
        String id = admin().body(body)
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .body("recipientClass", org.hamcrest.Matchers.is(recipientClass == null ? "retailer" : recipientClass))
                .extract()
                .path("id");
        subscriptions.add(id);
        return id;
    }

    private String placeOrder() {
        Map<String, Object> order = new HashMap<>(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        order.put("customer", Map.of("customerId", customerId, "email", EMAIL, "phone", PHONE, "name", NAME));
        order.put("channel", "web");
        return place(order).then().statusCode(201).extract().path("id");
    }

    private long consent(Map<String, Boolean> consents) {
        return CustomerFixtures.recordConsents(customerId, consents, "share.carrier");
    }

    private List<Row> disclosures(String orderId) {
        List<Row> rows = new ArrayList<>();
        fx.sql("select * from disclosure where order_id = $1 and recipient like 'webhook:%'", Tuple.of(orderId))
                .forEach(rows::add);
        return rows;
    }

    private long parked(String subscription) {
        return fx.count(
                "select count(*) from webhook_delivery where subscription_id = $1 and state = 'PARKED'",
                Tuple.of(subscription));
    }

    private static void assertNoContact(String body) {
        for (String secret : List.of(EMAIL, PHONE, NAME)) {
            assertFalse(body.contains(secret), () -> secret + " must not be in " + body);
        }
    }

    private static String rawBody(String path, String orderId) {
        return eventually(Duration.ofSeconds(20), () -> {
            List<LoggedRequest> sent = received(path, orderId);
            assertFalse(sent.isEmpty(), "a delivery for " + orderId + " at " + path);
            return sent.get(0).getBodyAsString();
        });
    }

    private static JsonNode receivedData(String path, String orderId) {
        return readTree(rawBody(path, orderId)).path("data");
    }

    private static List<LoggedRequest> received(String path, String orderId) {
        return target.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(r -> orderId.equals(readTree(r.getBodyAsString())
                        .path("data")
                        .path("orderId")
                        .asText()))
                .toList();
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
