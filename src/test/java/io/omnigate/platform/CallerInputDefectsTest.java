package io.omnigate.platform;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two 500s the review saw from caller input (issue 17, defect 6), now 400s naming the field. */
@QuarkusTest
class CallerInputDefectsTest {

    @Inject
    Pool pool;

    @Test
    void aRepeatedLocationAndSkuInOneSafetyStockRequestIsA400NamingTheRepeat() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        TestApi.admin()
                .body(List.of(
                        Map.of("locationId", store, "sku", sku, "safetyStock", 1),
                        Map.of("locationId", store, "sku", fx.sku(), "safetyStock", 1),
                        Map.of("locationId", store, "sku", sku, "safetyStock", 2)))
                .put("/v1/inventory/safety-stock")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("[2]"))
                .body("errors[0].message", containsString("[0]"));
    }

    @Test
    void aNulByteInABulkTransitionReasonIsA400NamingTheFieldNotA500InsideThe200() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 3);
        String fulfillment = place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("fulfillments[0].id");
        String device = TestApi.mint(Roles.STORE_DEVICE, store);

        TestApi.as(device)
                .body(Map.of(
                        "transitions",
                        List.of(Map.of("fulfillmentId", fulfillment, "to", "ACCEPTED", "reason", "late\u0000truck"))))
                .post("/v1/fulfillments/transitions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("transitions[0].reason"));
        TestApi.as(device)
                .body(Map.of("to", "ACCEPTED", "reason", "\u0000"))
                .post("/v1/fulfillments/{id}/transitions", fulfillment)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        // Nothing moved: the clean request still finds the fulfillment ASSIGNED.
        TestApi.as(device)
                .body(Map.of("to", "ACCEPTED", "reason", "late truck"))
                .post("/v1/fulfillments/{id}/transitions", fulfillment)
                .then()
                .statusCode(200)
                .body("fulfillment.status", is("ACCEPTED"));
    }

    @Test
    void aNulByteInAStreamsOrderIdIsA400NotA503() {
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestApi.bootstrapSecret())
                .urlEncodingEnabled(false)
                .get("/v1/orders/1%00/events")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"));
    }
}
