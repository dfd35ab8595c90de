package io.omnigate.customers;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.customers.CustomerFixtures.customer;
import static io.omnigate.customers.CustomerFixtures.setConsents;
import static io.omnigate.customers.CustomerFixtures.withCustomer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sees which part of the customer: the order's token and admins the contact data in
 * GET /v1/orders/{id}; the store's staff only the name at the curb, while the order is active there.
 */
@QuarkusTest
class OrderCustomerViewTest {

    @Inject
    Pool pool;

    private OrderFixtures fx;
    private String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        sku = fx.sku();
    }

    @Test
    void theOrderTokenAndAdminsSeeTheContactDataOthersAreRefused() {
        String store = fx.store(0.01, "PICKUP");
        fx.stock(store, sku, 5);
        String id = TestApi.unique("VIEW");
        JsonPath order = placed(
                store, "PICKUP", customer(id, "view.me@example.com", "+39 02 1234567", "Vera View"), "marketplace");
        String orderId = order.getString("id");

        for (RequestSpecification who : List.of(TestApi.as(order.getString("accessToken")), TestApi.admin())) {
            who.get("/v1/orders/{id}", orderId)
                    .then()
                    .statusCode(200)
                    .body("customer.customerId", is(id))
                    .body("customer.channel", is("marketplace"))
                    .body("customer.name", is("Vera View"))
                    .body("customer.email", is("view.me@example.com"))
                    .body("customer.phone", is("+39 02 1234567"))
                    .body("customer.reducedSharing", is(true))
                    .body("customer.withheldFrom", contains("share.marketplace"));
        }
        assertFalse(order.getString("customer").contains("view.me@example.com"), "placement answer has no contact");
        TestApi.as(OrderFixtures.checkout())
                .get("/v1/orders/{id}", orderId)
                .then()
                .statusCode(403);
        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, store))
                .get("/v1/orders/{id}", orderId)
                .then()
                .statusCode(403);

        setConsents(id, Map.of("share.marketplace", true)).then().statusCode(200);
        TestApi.admin()
                .get("/v1/orders/{id}", orderId)
                .then()
                .statusCode(200)
                .body("customer.reducedSharing", is(false));

        TestApi.admin().post("/v1/customers/{id}/erase", id).then().statusCode(200);
        TestApi.as(order.getString("accessToken"))
                .get("/v1/orders/{id}", orderId)
                .then()
                .statusCode(200)
                .body("customer.customerId", is(id))
                .body("customer.email", nullValue())
                .body("customer.name", nullValue());
    }

    @Test
    void curbsideStaffOfThatStoreSeeTheNameOnlyWhileTheOrderIsActiveAndItIsNotLogged() {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(
                        String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String store = fx.store(0.01, "PICKUP", "CURBSIDE");
            fx.stock(store, sku, 5);
            String name = "Carla Curbside " + TestApi.unique("N");
            JsonPath order = placed(store, "CURBSIDE", customer(TestApi.unique("CURB"), null, null, name), "app");
            String orderId = order.getString("id");
            String token = order.getString("accessToken");
            TestApi.as(token)
                    .body(Map.of("bay", "2", "vehicle", "blue Fiat 500"))
                    .post("/v1/orders/{id}/arrival", orderId)
                    .then()
                    .statusCode(201);

            String staff = TestApi.mint(Roles.STORE_DEVICE, store);
            TestApi.as(staff)
                    .get("/v1/locations/{id}/arrivals", store)
                    .then()
                    .statusCode(200)
                    .body("find { it.orderId == '" + orderId + "' }.customerName", is(name))
                    .body("find { it.orderId == '" + orderId + "' }.vehicle", is("blue Fiat 500"));
            TestApi.as(TestApi.mint(Roles.STORE_DEVICE, fx.store(0.02, "PICKUP")))
                    .get("/v1/locations/{id}/arrivals", store)
                    .then()
                    .statusCode(403);
            String pickList = TestApi.as(staff)
                    .get("/v1/locations/{id}/fulfillments", store)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertFalse(pickList.contains(name), "the pick list carries no customer data");

            TestApi.as(token).post("/v1/orders/{id}/cancel", orderId).then().statusCode(200);
            TestApi.as(staff)
                    .get("/v1/locations/{id}/arrivals", store)
                    .then()
                    .statusCode(200)
                    .body("find { it.orderId == '" + orderId + "' }.customerName", nullValue());
            assertTrue(logged.stream().noneMatch(line -> line.contains(name)), "the name is never logged");
        } finally {
            root.removeHandler(capture);
        }
    }

    private JsonPath placed(String store, String method, Map<String, Object> who, String channel) {
        Map<String, Object> order = Map.of("method", method, "locationId", store, "lines", List.of(line(sku, 1)));
        return place(withCustomer(order, who, channel, Map.of()))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }
}
