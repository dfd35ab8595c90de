package io.omnigate.fulfillment;

import static io.omnigate.OrderFixtures.asAdmin;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.fulfillment.WorkflowFixtures.device;
import static io.omnigate.fulfillment.WorkflowFixtures.walk;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PickListTest {

    @Inject
    Pool pool;

    OrderFixtures fx;
    String store;
    String sku;
    List<String> fids = new ArrayList<>();

    @BeforeEach
    void threeOrders() {
        fx = new OrderFixtures(pool);
        store = fx.store(0.01, "PICKUP");
        sku = fx.sku();
        fx.stock(store, sku, 10);
        for (int i = 0; i < 3; i++) {
            fids.add(place(OrderFixtures.pickup(store, List.of(line(sku, 1))))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("fulfillments[0].id"));
        }
        walk(() -> device(store), fids.get(1), "ACCEPTED");
        walk(() -> device(store), fids.get(2), "ACCEPTED", "PICKING", "PACKED");
    }

    @Test
    void theStoreSeesItsOpenFulfillmentsOldestFirstFilteredAndPaged() {
        device(store)
                .get("/v1/locations/{id}/fulfillments", store)
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items.id", is(fids))
                .body("items[0].orderId", org.hamcrest.Matchers.startsWith("O-"))
                .body("items[0].method", is("PICKUP"))
                .body("items[0].lines[0].sku", is(sku))
                .body("nextCursor", nullValue());
        device(store)
                .get("/v1/locations/{id}/fulfillments?status=ASSIGNED,PACKED", store)
                .then()
                .statusCode(200)
                .body("items.id", is(List.of(fids.get(0), fids.get(2))));
        device(store)
                .get("/v1/locations/{id}/fulfillments?status=accepted&status=PACKED", store)
                .then()
                .statusCode(200)
                .body("items.id", is(List.of(fids.get(1), fids.get(2))));

        JsonPath page = device(store)
                .get("/v1/locations/{id}/fulfillments?limit=2", store)
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .jsonPath();
        asAdmin()
                .get("/v1/locations/{id}/fulfillments?limit=2&cursor=" + page.getString("nextCursor"), store)
                .then()
                .statusCode(200)
                .body("items.id", is(List.of(fids.get(2))))
                .body("nextCursor", nullValue());

        device(store)
                .get("/v1/locations/{id}/fulfillments?status=LOST", store)
                .then()
                .statusCode(400);
        device(store)
                .get("/v1/locations/{id}/fulfillments?cursor=nonsense", store)
                .then()
                .statusCode(400);
        device(store)
                .get("/v1/locations/{id}/fulfillments?limit=0", store)
                .then()
                .statusCode(400);
        String other = fx.store(0.02, "PICKUP");
        device(other).get("/v1/locations/{id}/fulfillments", store).then().statusCode(403);
        device(other)
                .get("/v1/locations/{id}/fulfillments", other)
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void aCursorThisApiDidNotIssueIsA400NamingCursorNeverA500() {
        List<String> garbage = List.of(
                " ",
                "=",
                "%%%not-base64",
                base64("no separator here"),
                base64("|"),
                base64("2026-01-01T00:00:00Z|"),
                base64("yesterday|F-1"),
                base64("+1000000000-12-31T23:59:59Z|x"),
                base64("+999999999-12-31T23:59:59Z|x"),
                base64("-999999999-01-01T00:00:00Z|x"),
                base64("+294277-01-01T00:00:00Z|x"),
                base64("1969-12-31T23:59:59Z|x"));
        for (String cursor : garbage) {
            device(store)
                    .queryParam("cursor", cursor)
                    .get("/v1/locations/{id}/fulfillments", store)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", is("cursor"));
        }
        device(store)
                .queryParam("cursor", base64("2000-01-01T00:00:00Z|F-0"))
                .get("/v1/locations/{id}/fulfillments", store)
                .then()
                .statusCode(200)
                .body("items.id", is(fids));
    }

    private static String base64(String raw) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void bulkAppliesEachItemOnItsOwnAndReportsEveryOutcome() {
        String other = fx.store(0.03, "PICKUP");
        fx.stock(other, sku, 1);
        String foreign = place(OrderFixtures.pickup(other, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("fulfillments[0].id");
        List<Map<String, Object>> items = List.of(
                Map.of("fulfillmentId", fids.get(0), "to", "ACCEPTED"),
                Map.of("fulfillmentId", fids.get(1), "to", "PACKED"),
                Map.of("fulfillmentId", "F-missing", "to", "ACCEPTED"),
                Map.of("fulfillmentId", foreign, "to", "ACCEPTED"),
                Map.of("fulfillmentId", fids.get(0), "to", "PICKING", "reason", "wave 3"));
        device(store)
                .body(Map.of("transitions", items))
                .post("/v1/fulfillments/transitions")
                .then()
                .statusCode(200)
                .body("succeeded", is(2))
                .body("failed", is(3))
                .body("results.status", is(List.of(200, 409, 404, 403, 200)))
                .body("results[0].fulfillmentStatus", is("ACCEPTED"))
                .body("results[1].problem.type", endsWith("/invalid-transition"))
                .body("results[4].fulfillmentStatus", is("PICKING"))
                .body("results[4].orderStatus", is("IN_PROGRESS"));
        WorkflowFixtures wf = new WorkflowFixtures(fx, null);
        assertEquals("PICKING", wf.status(fids.get(0)));
        assertEquals("ACCEPTED", wf.status(fids.get(1)));
        assertEquals("ASSIGNED", wf.status(foreign));

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= FulfillmentApi.MAX_BULK; i++) {
            tooMany.add(Map.of("fulfillmentId", fids.get(0), "to", "PACKED"));
        }
        TestApi.as(TestApi.mint(Roles.STORE_DEVICE, store))
                .body(Map.of("transitions", tooMany))
                .post("/v1/fulfillments/transitions")
                .then()
                .statusCode(400);
        assertEquals("PICKING", wf.status(fids.get(0)));
    }
}
