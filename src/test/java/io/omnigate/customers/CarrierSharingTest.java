package io.omnigate.customers;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.customers.CustomerFixtures.customer;
import static io.omnigate.customers.CustomerFixtures.setConsents;
import static io.omnigate.customers.CustomerFixtures.withCustomer;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sharing gate toward a real HTTP carrier: what it receives with and without share.carrier. */
@QuarkusTest
@QuarkusTestResource(value = CarrierNoticeStub.class, restrictToAnnotatedClass = true)
class CarrierSharingTest {

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private CustomerFixtures customers;
    private String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        customers = new CustomerFixtures(pool);
        String dc = fx.location("DC", 0.01, null, "SHIP_FROM");
        sku = fx.sku();
        fx.stock(dc, sku, 20);
    }

    private JsonPath shipVia(String carrier, Map<String, Object> who) {
        Map<String, Object> address = Map.of("name", "Ship To", "line1", "Via Po 3", "city", "Torino", "country", "IT");
        return place(withCustomer(
                        fx.ship(List.of(line(sku, 1))),
                        who,
                        "web",
                        Map.of("carrier", carrier, "shippingAddress", address)))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static LoggedRequest noticeFor(String orderId) {
        List<LoggedRequest> notices = CarrierNoticeStub.server.findAll(postRequestedFor(urlEqualTo("/acme/shipments"))
                .withRequestBody(matchingJsonPath(
                        "$.orderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(orderId))));
        // At least once: a notice whose answer was lost on a busy machine is sent again, the same.
        assertFalse(notices.isEmpty(), "a notice for " + orderId);
        assertEquals(
                1,
                notices.stream().map(LoggedRequest::getBodyAsString).distinct().count(),
                "resent unchanged");
        return notices.get(0);
    }

    private List<String> register(String orderId) {
        List<String> rows = new ArrayList<>();
        for (Row row : customers.sql(
                "select basis, fields::text as fields, consent_record_id, recipient from disclosure"
                        + " where order_id = $1 order by basis",
                Tuple.of(orderId))) {
            rows.add(row.getString("basis") + " " + row.getString("fields") + " "
                    + (row.getLong("consent_record_id") != null) + " " + row.getString("recipient"));
        }
        return rows;
    }

    @Test
    void withShareCarrierTheCarrierGetsEmailAndPhoneAndTheRegisterSaysUnderWhichRecord() {
        String id = TestApi.unique("C");
        String email = id.toLowerCase() + "@example.com";
        setConsents(id, Map.of("share.carrier", true)).then().statusCode(200);
        JsonPath order = shipVia("acme", customer(id, email, "+39 011 555 0199", "Ship To"));
        assertFalse(order.getBoolean("customer.reducedSharing"));
        String orderId = order.getString("id");

        eventually(Duration.ofSeconds(15), () -> {
            LoggedRequest notice = noticeFor(orderId);
            JsonPath body = JsonPath.from(notice.getBodyAsString());
            assertEquals(email, body.getString("recipient.email"));
            assertEquals("+39 011 555 0199", body.getString("recipient.phone"));
            assertEquals("Via Po 3", body.getString("shippingAddress.line1"));
        });
        eventually(
                Duration.ofSeconds(5),
                () -> assertEquals(
                        List.of("consent {email,phone} true acme", "contract {destination,shippingAddress} false acme"),
                        register(orderId)));
        long grant = customers.count(
                "select max(id) from consent_record where customer_id = $1 and purpose = 'share.carrier'",
                Tuple.of(id));
        assertEquals(
                1,
                customers.count(
                        "select count(*) from disclosure where order_id = $1 and consent_record_id = $2",
                        Tuple.of(orderId, grant)));
    }

    @Test
    void withoutConsentOrAfterAWithdrawalTheCarrierGetsTheAddressOnlyAndTheAnswerSaysSo() {
        String never = TestApi.unique("C");
        String withdrew = TestApi.unique("C");
        setConsents(withdrew, Map.of("share.carrier", true)).then().statusCode(200);
        setConsents(withdrew, Map.of("share.carrier", false)).then().statusCode(200);
        List<String> orderIds = new ArrayList<>();
        for (String id : List.of(never, withdrew)) {
            JsonPath order = shipVia("acme", customer(id, id + "@example.com", "+39 011 555 0100", null));
            assertTrue(order.getBoolean("customer.reducedSharing"));
            assertEquals(List.of("share.carrier"), order.getList("customer.withheldFrom"));
            orderIds.add(order.getString("id"));
        }
        for (String orderId : orderIds) {
            eventually(Duration.ofSeconds(15), () -> {
                String body = noticeFor(orderId).getBodyAsString();
                assertFalse(body.contains("@example.com") || body.contains("555 0100"), body);
                assertEquals("Torino", JsonPath.from(body).getString("shippingAddress.city"));
            });
            eventually(
                    Duration.ofSeconds(5),
                    () -> assertEquals(
                            List.of("contract {destination,shippingAddress} false acme"), register(orderId)));
        }
    }

    @Test
    void theBuiltInCarrierIsNeverCalledAndUnknownCarriersAreRefused() {
        String id = TestApi.unique("C");
        JsonPath internal = shipVia("omnigate-post", customer(id, id + "@example.com", null, null));
        assertFalse(internal.getBoolean("customer.reducedSharing"), "no third party involved");
        assertEquals(
                0,
                customers.count(
                        "select count(*) from carrier_notice where order_id = $1", Tuple.of(internal.getString("id"))));

        place(withCustomer(
                        fx.ship(List.of(line(sku, 1))),
                        customer(id, null, null, null),
                        "web",
                        Map.of("carrier", "nope")))
                .then()
                .statusCode(422);
        String store = fx.store(0.02, "PICKUP");
        fx.stock(store, sku, 5);
        place(withCustomer(
                        pickup(store, List.of(line(sku, 1))),
                        customer(id, null, null, null),
                        "web",
                        Map.of("carrier", "acme")))
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("carrier"));
    }
}
