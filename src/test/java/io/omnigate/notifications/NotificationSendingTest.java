package io.omnigate.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.customers.CustomerFixtures.recordConsents;
import static io.omnigate.customers.CustomerFixtures.walkToReady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications against real local providers: only on channels opted into, recorded, withdrawal wins. */
@QuarkusTest
@QuarkusTestResource(value = NotificationProviderStub.class, restrictToAnnotatedClass = true)
class NotificationSendingTest {

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private String store;
    private String sku;
    private String customerId;
    private String email;
    private String phone;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        store = fx.store(0.01, "PICKUP");
        sku = fx.sku();
        fx.stock(store, sku, 10);
        customerId = TestApi.unique("NTF");
        email = customerId.toLowerCase() + "@example.com";
        phone = "+39 333 " + (1000000 + Math.floorMod(customerId.hashCode(), 8999999));
    }

    @Test
    void readyForPickupGoesOnlyThroughTheChannelsOptedIntoAndIsRecorded() {
        long grant = recordConsents(customerId, Map.of("notify.email", true, "notify.sms", false), "notify.email");
        String orderId = placeAndWalkToReady();

        LoggedRequest mail = eventually(Duration.ofSeconds(15), () -> {
            List<LoggedRequest> sent = sentTo("email", email);
            assertFalse(sent.isEmpty(), "an email for the ready parcel");
            return sent.get(0);
        });
        // At least once: a message whose answer was lost on a busy machine goes again, the same.
        assertEquals(
                1,
                sentTo("email", email).stream()
                        .map(LoggedRequest::getBodyAsString)
                        .distinct()
                        .count(),
                "one message for the one ready parcel");
        JsonPath message = new JsonPath(mail.getBodyAsString());
        assertEquals("pickup.ready", message.getString("template"));
        assertEquals(orderId, message.getString("orderId"));
        assertEquals("Nora Notify", message.getString("name"));
        assertEquals(store, message.getString("locationId"));
        assertFalse(mail.getBodyAsString().contains(phone), "the email provider gets no phone number");

        eventually(Duration.ofSeconds(10), () -> {
            Row row = only("select * from notification where order_id = $1", orderId);
            assertEquals("email", row.getString("channel"));
            assertEquals("SENT", row.getString("status"));
            assertEquals(grant, row.getLong("consent_record_id"));
            assertEquals(List.of("email", "name", "locale"), List.of(row.getArrayOfStrings("sent_fields")));
        });
        Row disclosed =
                only("select * from disclosure where order_id = $1 and recipient = 'notifications:email'", orderId);
        assertEquals("notify.email", disclosed.getString("recipient_class"));
        assertEquals(grant, disclosed.getLong("consent_record_id"));
        JsonPath export = TestApi.admin()
                .get("/v1/customers/{id}/export", customerId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("email"), export.getList("notifications.channel"));
        assertEquals(List.of("SENT"), export.getList("notifications.status"));
        String metrics =
                io.restassured.RestAssured.get("/q/metrics").then().extract().asString();
        assertTrue(
                metrics.lines()
                        .anyMatch(l -> l.startsWith("omnigate_notifications_total")
                                && l.contains("channel=\"email\"")
                                && l.contains("outcome=\"sent\"")),
                "sent emails are counted");
        assertTrue(sentTo("sms", phone).isEmpty(), "no SMS without notify.sms");
        assertTrue(sentTo("push", customerId).isEmpty(), "no push without notify.push");
    }

    @Test
    void withoutAnyConsentNothingIsSentAndAWithdrawalWinsOverAQueuedMessage() {
        String silent = placeAndWalkToReady();
        // Consent is read when the sweep reads an event: grant only once the silent order's events are read.
        eventually(
                Duration.ofSeconds(15),
                () -> assertEquals(
                        1,
                        fx.count(
                                "select count(*) from notification_cursor where last_seq >="
                                        + " (select max(seq) from event_outbox where order_id = $1)",
                                Tuple.of(silent))));

        recordConsents(customerId, Map.of("notify.sms", true), "notify.sms");
        NotificationProviderStub.server.stubFor(post(urlEqualTo("/sms"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
                .willReturn(aResponse().withStatus(503)));
        String queued = placeAndWalkToReady();
        eventually(
                Duration.ofSeconds(15), () -> assertFalse(sentFor("sms", queued).isEmpty(), "the first try failed"));
        recordConsents(customerId, Map.of("notify.sms", false), "notify.sms");

        eventually(Duration.ofSeconds(20), () -> {
            Row row = only("select * from notification where order_id = $1", queued);
            assertEquals("SKIPPED", row.getString("status"));
            assertEquals("consent-withdrawn", row.getString("skipped_because"));
        });
        int tries = sentFor("sms", queued).size();
        assertEquals(0, fx.count("select count(*) from notification where order_id = $1", Tuple.of(silent)));
        assertTrue(sentFor("sms", silent).isEmpty(), "nothing for the order placed without consent");
        assertEquals(
                0,
                fx.count(
                        "select count(*) from disclosure where order_id = any($1) and recipient like 'notifications:%'",
                        Tuple.of((Object) new String[] {silent, queued})));
        assertTrue(sentTo("email", email).isEmpty());
        assertEquals(tries, sentFor("sms", queued).size(), "nothing more went out after the withdrawal");
    }

    private String placeAndWalkToReady() {
        Map<String, Object> customer = new HashMap<>(Map.of(
                "customerId", customerId, "email", email, "phone", phone, "name", "Nora Notify", "locale", "it-IT"));
        Map<String, Object> order = new HashMap<>(OrderFixtures.pickup(store, List.of(line(sku, 1))));
        order.put("customer", customer);
        order.put("channel", "app");
        JsonPath placed = place(order).then().statusCode(201).extract().jsonPath();
        walkToReady(store, placed.getString("fulfillments[0].id"));
        return placed.getString("id");
    }

    private Row only(String sql, String orderId) {
        List<Row> rows = new ArrayList<>();
        fx.sql(sql, Tuple.of(orderId)).forEach(rows::add);
        assertEquals(1, rows.size(), () -> sql + " for " + orderId);
        return rows.get(0);
    }

    private static List<LoggedRequest> sentTo(String channel, String to) {
        return NotificationProviderStub.server.findAll(
                postRequestedFor(urlEqualTo("/" + channel)).withRequestBody(matchingJsonPath("$.to", equalTo(to))));
    }

    private static List<LoggedRequest> sentFor(String channel, String orderId) {
        return NotificationProviderStub.server.findAll(postRequestedFor(urlEqualTo("/" + channel))
                .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId))));
    }
}
