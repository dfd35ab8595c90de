package io.omnigate.customers;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.customers.CustomerFixtures.customer;
import static io.omnigate.customers.CustomerFixtures.setConsents;
import static io.omnigate.customers.CustomerFixtures.withCustomer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consent ledger over HTTP, the customer on an order, and who may read and change consents. */
@QuarkusTest
class ConsentResourceTest {

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private CustomerFixtures customers;
    private String store;
    private String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        customers = new CustomerFixtures(pool);
        store = fx.store(0, "PICKUP");
        sku = fx.sku();
        fx.stock(store, sku, 50);
    }

    private JsonPath placePickup(Map<String, Object> customer, String channel) {
        return place(withCustomer(pickup(store, List.of(line(sku, 1))), customer, channel, Map.of()))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    void everyPurposeStartsWithdrawnAndFollowsTheNewestRecord() {
        String id = TestApi.unique("C");
        TestApi.as(OrderFixtures.checkout())
                .get("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(200)
                .body("consents.size()", is(Purpose.values().length))
                .body("consents.findAll { it.granted }.size()", is(0));

        JsonPath granted = setConsents(id, Map.of("marketing", true, "share.carrier", true))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(true, granted.getBoolean("consents.find { it.purpose == 'marketing' }.granted"));
        assertEquals("2026-11", granted.getString("consents.find { it.purpose == 'marketing' }.noticeVersion"));
        assertEquals("web", granted.getString("consents.find { it.purpose == 'share.carrier' }.channel"));
        assertEquals(false, granted.getBoolean("consents.find { it.purpose == 'analytics' }.granted"));

        // One click withdraws everything optional; a withdrawal is the newest record, so it wins at once.
        TestApi.as(OrderFixtures.checkout())
                .body(Map.of("withdrawAll", true, "source", Map.of("channel", "app", "surface", "preference-centre")))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(200)
                .body("consents.findAll { it.granted }.size()", is(0))
                .body("consents.find { it.purpose == 'marketing' }.channel", is("app"));
        assertEquals(4, customers.count("select count(*) from consent_record where customer_id = $1", Tuple.of(id)));

        // Withdrawing again changes nothing, so the ledger does not grow.
        TestApi.as(OrderFixtures.checkout())
                .body(Map.of("withdrawAll", true, "source", Map.of("channel", "app", "surface", "preference-centre")))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(200);
        assertEquals(4, customers.count("select count(*) from consent_record where customer_id = $1", Tuple.of(id)));

        List<String> changes = pool
                .preparedQuery("select payload::text as p from event_outbox"
                        + " where type = 'consent.changed' and payload ->> 'customerId' = $1 order by id")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .stream()
                .map(r -> r.getString("p"))
                .toList();
        assertEquals(2, changes.size(), "one consent.changed per change that appended records");
        assertTrue(changes.get(0).contains("\"purpose\": \"marketing\"")
                && changes.get(0).contains("\"granted\": true"));
        assertTrue(changes.get(1).contains("\"granted\": false"));
    }

    @Test
    void parallelChangesOfOneCustomerAreSerialisedSoTheNewestRecordIsTheState() throws Exception {
        String id = TestApi.unique("C");
        int n = 16;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean grant = i % 2 == 0;
                calls.add(threads.submit(() -> {
                    start.await();
                    return setConsents(id, Map.of("marketing", grant)).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            threads.shutdownNow();
        }
        List<Boolean> records = new ArrayList<>();
        customers
                .sql(
                        "select granted from consent_record where customer_id = $1 and purpose = 'marketing' order by id",
                        Tuple.of(id))
                .forEach(r -> records.add(r.getBoolean("granted")));
        assertFalse(records.isEmpty());
        for (int i = 1; i < records.size(); i++) {
            assertNotEquals(records.get(i - 1), records.get(i), "each record changed the state it read: " + records);
        }
        boolean state = TestApi.as(OrderFixtures.checkout())
                .get("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(200)
                .extract()
                .path("consents.find { it.purpose == 'marketing' }.granted");
        assertEquals(records.get(records.size() - 1), state);
        assertEquals(
                records.size(),
                customers.count(
                        "select count(*) from event_outbox where type = 'consent.changed' and payload ->> 'customerId' = $1",
                        Tuple.of(id)));
    }

    @Test
    void theLedgerIsAppendOnly() {
        String id = TestApi.unique("C");
        setConsents(id, Map.of("analytics", true)).then().statusCode(200);
        assertThrows(
                Exception.class,
                () -> customers.sql("update consent_record set granted = false where customer_id = $1", Tuple.of(id)));
        assertThrows(
                Exception.class,
                () -> customers.sql("delete from consent_record where customer_id = $1", Tuple.of(id)));
        assertEquals(
                1,
                customers.count(
                        "select count(*) from consent_record where customer_id = $1 and granted", Tuple.of(id)));
    }

    @Test
    void anOrderTokenReachesOnlyTheCustomerOfItsOrder() {
        String id = TestApi.unique("C");
        String token = placePickup(customer(id, null, null, null), "app").getString("accessToken");
        TestApi.as(token).get("/v1/customers/{id}/consents", id).then().statusCode(200);
        TestApi.as(token)
                .body(Map.of(
                        "consents",
                        Map.of("notify.push", true),
                        "source",
                        Map.of("channel", "app", "surface", "tracking")))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(200)
                .body("consents.find { it.purpose == 'notify.push' }.granted", is(true));
        Row record = customers
                .sql("select recorded_by from consent_record where customer_id = $1", Tuple.of(id))
                .iterator()
                .next();
        assertTrue(record.getString("recorded_by").startsWith("order:O-"), record.getString("recorded_by"));

        TestApi.as(token)
                .get("/v1/customers/{id}/consents", TestApi.unique("C"))
                .then()
                .statusCode(403);
        String anonymousOrder = place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("accessToken");
        TestApi.as(anonymousOrder).get("/v1/customers/{id}/consents", id).then().statusCode(403);
        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, store))
                .get("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(403);
        given().get("/v1/customers/{id}/consents", id).then().statusCode(401);
    }

    @Test
    void badConsentChangesAre400s() {
        String id = TestApi.unique("C");
        Map<String, Object> source = Map.of("channel", "web", "surface", "checkout");
        TestApi.as(OrderFixtures.checkout())
                .body(Map.of("consents", Map.of("telepathy", true), "source", source))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        TestApi.as(OrderFixtures.checkout())
                .body(Map.of("consents", Map.of("marketing", true), "withdrawAll", true, "source", source))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("withdrawAll"));
        TestApi.as(OrderFixtures.checkout())
                .body(Map.of("consents", Map.of("marketing", true)))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("source"));
        TestApi.as(OrderFixtures.checkout())
                .body(Map.of("consents", Map.of("marketing", true), "source", Map.of("channel", "fax", "surface", "x")))
                .put("/v1/customers/{id}/consents", id)
                .then()
                .statusCode(400);
        TestApi.as(OrderFixtures.checkout())
                .get("/v1/customers/{id}/consents", "has spaces")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("customerId"));
        assertEquals(0, customers.count("select count(*) from consent_record where customer_id = $1", Tuple.of(id)));
    }

    @Test
    void contactDataIsSealedApartFromTheOrderAndStoresNeverSeeIt() {
        String id = TestApi.unique("C");
        String email = id.toLowerCase() + "@example.com";
        JsonPath order = placePickup(customer(id, email, "+39 333 1234567", "Maria Rossi"), "web");
        assertEquals(id, order.getString("customer.customerId"));
        assertEquals("web", order.getString("customer.channel"));
        assertFalse(order.getBoolean("customer.reducedSharing"), "a store pickup shares with nobody outside");
        String orderId = order.getString("id");

        Row row = customers
                .sql(
                        "select o.customer_id, o.channel, c.sealed, c.fields::text as fields from orders o"
                                + " join customer_contact c on c.order_id = o.id where o.id = $1",
                        Tuple.of(orderId))
                .iterator()
                .next();
        assertEquals(id, row.getString("customer_id"));
        assertEquals("web", row.getString("channel"));
        assertFalse(row.getString("sealed").contains("@"), "sealed, not plain");
        assertEquals("{email,phone,name,locale}", row.getString("fields"));
        assertEquals(List.of(), customers.columnsContaining(email), "the email is stored nowhere in plain text");
        assertEquals(List.of(), customers.columnsContaining("333 1234567"));

        String pickList = TestApi.as(TestApi.mint(Roles.STORE_DEVICE, store))
                .get("/v1/locations/{id}/fulfillments", store)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(pickList.contains(orderId), "the order is on the pick list");
        assertFalse(pickList.contains(email) || pickList.contains("1234567") || pickList.contains(id));
    }

    @Test
    void aMarketplaceOrderWithoutConsentSaysItRanWithReducedSharing() {
        String id = TestApi.unique("C");
        JsonPath reduced = placePickup(customer(id, id + "@example.com", null, null), "marketplace");
        assertTrue(reduced.getBoolean("customer.reducedSharing"));
        assertEquals(List.of("share.marketplace"), reduced.getList("customer.withheldFrom"));

        setConsents(id, Map.of("share.marketplace", true)).then().statusCode(200);
        JsonPath full = placePickup(customer(id, id + "@example.com", null, null), "marketplace");
        assertFalse(full.getBoolean("customer.reducedSharing"));
    }

    @Test
    void optInRatesAndApplyTimeAreExposed() {
        String id = TestApi.unique("C");
        setConsents(id, Map.of("personalisation", true)).then().statusCode(200);
        eventually(
                Duration.ofSeconds(10),
                () -> given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .body(containsString(
                                "omnigate_consent_opt_in_ratio{channel=\"web\",purpose=\"personalisation\"}"))
                        .body(containsString("omnigate_consent_apply_seconds_count"))
                        .body(not(containsString(id))));
    }
}
