package io.omnigate.customers;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.customers.CustomerFixtures.customer;
import static io.omnigate.customers.CustomerFixtures.setConsents;
import static io.omnigate.customers.CustomerFixtures.withCustomer;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export and erasure: everything about a customer out as one document, then nothing of their contact data left. */
@QuarkusTest
class CustomerRightsTest {

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private CustomerFixtures customers;
    private String store;
    private String dc;
    private String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        customers = new CustomerFixtures(pool);
        store = fx.store(0, "PICKUP");
        dc = fx.location("DC", 0.01, null, "SHIP_FROM");
        sku = fx.sku();
        fx.stock(store, sku, 20);
        fx.stock(dc, sku, 20);
    }

    /**
     * A pickup order whose store note quotes the customer's phone and email, and a shipped order
     * whose address (with the customer's name) is changed once, so contact data sits in order rows,
     * fulfillment reasons, event payloads, history and idempotency records.
     */
    private List<String> ordersWithContactDataEverywhere(String id, String email, String phone, String name) {
        Map<String, Object> who = customer(id, email, phone, name);
        String pickupOrder = place(withCustomer(pickup(store, List.of(line(sku, 2))), who, "web", Map.of()))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String fulfillment = fx.sql("select id from fulfillment where order_id = $1", Tuple.of(pickupOrder))
                .iterator()
                .next()
                .getString("id");
        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, store))
                .body(Map.of("to", "ACCEPTED", "reason", "customer asked to call " + phone + " or write to " + email))
                .post("/v1/fulfillments/{id}/transitions", fulfillment)
                .then()
                .statusCode(200);

        Map<String, Object> address = Map.of("name", name, "line1", "Via Roma 1", "city", "Milano", "country", "IT");
        Map<String, Object> ship =
                withCustomer(fx.ship(List.of(line(sku, 1))), who, "app", Map.of("shippingAddress", address));
        JsonPath shipped = place(ship).then().statusCode(201).extract().jsonPath();
        TestApi.admin()
                .body(Map.of("shippingAddress", Map.of("name", name, "line1", "Via Verdi 2 c/o " + email)))
                .patch("/v1/orders/{id}", shipped.getString("id"))
                .then()
                .statusCode(200);
        return List.of(pickupOrder, shipped.getString("id"));
    }

    @Test
    void exportHoldsEverythingAboutTheCustomerAsOneDocument() {
        String id = TestApi.unique("C");
        String email = id.toLowerCase() + "@example.org";
        List<String> orders = ordersWithContactDataEverywhere(id, email, "+39 02 555 0101", "Anna Bianchi");
        setConsents(id, Map.of("marketing", true)).then().statusCode(200);

        JsonPath export = TestApi.admin()
                .get("/v1/customers/{id}/export", id)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertEquals(id, export.getString("customerId"));
        assertEquals(orders, export.getList("orders.id"));
        assertEquals(email, export.getString("orders[0].contact.email"));
        assertEquals("+39 02 555 0101", export.getString("orders[0].contact.phone"));
        assertEquals(sku, export.getString("orders[0].fulfillments[0].lines[0].sku"));
        assertTrue(export.getList("orders[0].history.type").contains("fulfillment.status"));
        assertEquals("Anna Bianchi", export.getString("orders[1].shippingAddress.name"));
        assertEquals(List.of("marketing"), export.getList("consents.purpose"));
        assertEquals(List.of(), export.getList("disclosures"));
        assertNull(export.get("erasedAt"));

        TestApi.as(OrderFixtures.checkout())
                .get("/v1/customers/{id}/export", id)
                .then()
                .statusCode(403);
        TestApi.admin()
                .get("/v1/customers/{id}/export", TestApi.unique("NOBODY"))
                .then()
                .statusCode(200)
                .body("orders.size()", is(0));
    }

    @Test
    void anExportOfManyOrdersIsStillOneDocumentInOrder() {
        String id = TestApi.unique("C");
        int n = 2 * CustomerExport.BATCH + 7;
        customers.sql(
                "insert into orders (id, status, method, customer_id, channel, created_at)"
                        + " select $1 || '-' || lpad(g::text, 4, '0'), 'PLACED', 'SHIP', $1, 'store',"
                        + " now() - make_interval(secs => 1000 - g) from generate_series(1, $2) g",
                Tuple.of(id, n));
        JsonPath export = TestApi.admin()
                .get("/v1/customers/{id}/export", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> ids = export.getList("orders.id");
        assertEquals(n, ids.size());
        assertEquals(id + "-0001", ids.get(0));
        assertEquals(id + "-" + String.format("%04d", n), ids.get(n - 1));
        assertEquals(ids.stream().sorted().toList(), ids, "oldest first across batches");
    }

    @Test
    void erasureLeavesTheContactDataNowhereAndTheOrderFactsInPlace() {
        String id = TestApi.unique("C");
        String email = id.toLowerCase() + "@example.net";
        String phone = "+39 347 " + (1_000_000 + Math.abs(id.hashCode() % 8_999_999));
        String name = "Erika " + id;
        // A subscriber that never answers: its queued bodies and delivery log hold the events too.
        String webhook = TestApi.admin()
                .body(Map.of("url", "http://localhost:9/" + id, "eventTypes", List.of("order.*", "fulfillment.*")))
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            eraseAndSearch(id, email, phone, name, webhook);
        } finally {
            TestApi.admin().delete("/v1/webhooks/{id}", webhook);
        }
    }

    private void eraseAndSearch(String id, String email, String phone, String name, String webhook) {
        List<String> orders = ordersWithContactDataEverywhere(id, email, phone, name);
        Object queued = orders.toArray(String[]::new);
        eventually(
                Duration.ofSeconds(20),
                () -> assertTrue(customers.count(
                                "select count(*) from webhook_delivery where subscription_id = $1 and order_key = any($2)"
                                        + " and strpos(body, $3) > 0",
                                Tuple.of(webhook, queued, email))
                        >= 2));
        setConsents(id, Map.of("notify.email", true)).then().statusCode(200);
        assertFalse(customers.columnsContaining(email).isEmpty(), "the search sees the plain email before erasure");
        assertFalse(customers.columnsContaining(phone).isEmpty(), "the search sees the plain phone before erasure");
        int reservedBefore = fx.reserved(store, sku) + fx.reserved(dc, sku);

        JsonPath erased = TestApi.admin()
                .post("/v1/customers/{id}/erase", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertFalse(erased.getBoolean("alreadyErased"));
        assertEquals(2, erased.getInt("orders"));
        assertEquals(2, erased.getInt("contacts"));
        assertTrue(erased.getInt("events") >= 2, "the store note and the address change: " + erased.prettify());
        assertTrue(erased.getInt("historyEntries") >= 2);
        assertEquals(2, erased.getInt("idempotencyRecords"));
        assertTrue(erased.getInt("fulfillmentReasons") >= 1);
        assertTrue(erased.getInt("webhookDeliveries") >= 2, erased.prettify());

        assertEquals(List.of(), customers.columnsContaining(email), "email anywhere in the database");
        assertEquals(List.of(), customers.columnsContaining(phone), "phone anywhere in the database");
        assertEquals(List.of(), customers.columnsContaining(name), "name anywhere in the database");

        // Order facts and stock stay.
        assertEquals(reservedBefore, fx.reserved(store, sku) + fx.reserved(dc, sku));
        assertEquals(2, customers.count("select count(*) from orders where id = any($1)", Tuple.of((Object)
                orders.toArray(String[]::new))));
        assertEquals(
                3,
                customers.count(
                        "select coalesce(sum(fl.qty), 0) from fulfillment f join fulfillment_line fl on fl.fulfillment_id = f.id"
                                + " where f.order_id = any($1) and f.status <> 'CANCELLED'",
                        Tuple.of((Object) orders.toArray(String[]::new))));
        assertEquals(
                1,
                customers.count("select count(*) from consent_record where customer_id = $1", Tuple.of(id)),
                "the ledger is proof, kept");
        assertEquals(
                1,
                customers.count(
                        "select count(*) from event_outbox where type = 'customer.erased' and payload ->> 'customerId' = $1",
                        Tuple.of(id)));

        JsonPath again = TestApi.admin()
                .post("/v1/customers/{id}/erase", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(again.getBoolean("alreadyErased"));
        assertEquals(erased.getString("erasedAt"), again.getString("erasedAt"));
        assertEquals(
                0,
                again.getInt("contacts")
                        + again.getInt("events")
                        + again.getInt("historyEntries")
                        + again.getInt("idempotencyRecords")
                        + again.getInt("fulfillmentReasons"));
        assertEquals(
                1,
                customers.count(
                        "select count(*) from event_outbox where type = 'customer.erased' and payload ->> 'customerId' = $1",
                        Tuple.of(id)),
                "erasing twice announces it once");

        JsonPath export = TestApi.admin()
                .get("/v1/customers/{id}/export", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertNotNull(export.getString("erasedAt"));
        assertNull(export.get("orders[0].contact"));
        assertNotNull(export.getString("orders[0].contactErasedAt"));
        assertEquals("[erased]", export.getString("orders[1].shippingAddress.name"));
        assertEquals("[erased]", export.getString("orders[1].shippingAddress.line1"));
        assertEquals("[erased]", export.getString("orders[0].fulfillments[0].reason"));
        assertEquals(2, export.getInt("orders[0].fulfillments[0].lines[0].qty"), "order facts stay");
    }
}
