package io.omnigate.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Role × endpoint: every endpoint is tried with every kind of token over real HTTP. Allowed
 * callers must get past authorisation (any status but 401/403); everyone else gets 403, and a
 * request without a token 401. Write requests carry an empty body, so an allowed call stops at
 * validation and changes nothing.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String STORE = "MATRIX-STORE";
    private static final String OTHER_STORE = "MATRIX-OTHER";

    private record Endpoint(String method, String path, Set<String> allowed) {}

    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeEach
    void tokens() {
        TestApi.putLocation(STORE, TestApi.store(-60.0, 100.0, "PICKUP"));
        TestApi.putLocation(OTHER_STORE, TestApi.store(-60.1, 100.0, "PICKUP"));
        tokens.put(Roles.ADMIN, TestApi.mint(Roles.ADMIN, null));
        tokens.put(Roles.CHECKOUT, TestApi.mint(Roles.CHECKOUT, null));
        tokens.put(Roles.INVENTORY_FEED, TestApi.mint(Roles.INVENTORY_FEED, null));
        tokens.put(Roles.STORE_DEVICE, TestApi.mint(Roles.STORE_DEVICE, STORE));
        tokens.put(Roles.PICKUP_POINT, TestApi.mint(Roles.PICKUP_POINT, STORE));
    }

    private static List<Endpoint> endpoints() {
        Set<String> network =
                Set.of(Roles.ADMIN, Roles.CHECKOUT, Roles.INVENTORY_FEED, Roles.STORE_DEVICE, Roles.PICKUP_POINT);
        Set<String> feeds = Set.of(Roles.ADMIN, Roles.INVENTORY_FEED);
        Set<String> stockReaders = Set.of(Roles.ADMIN, Roles.INVENTORY_FEED, Roles.CHECKOUT, Roles.STORE_DEVICE);
        Set<String> admin = Set.of(Roles.ADMIN);
        return List.of(
                new Endpoint("PUT", "/v1/locations/MATRIX-NEW", admin),
                new Endpoint("GET", "/v1/locations/" + STORE, network),
                new Endpoint("GET", "/v1/locations?near=-60,100", network),
                new Endpoint("POST", "/v1/skus", feeds),
                new Endpoint("PUT", "/v1/skus/MATRIX-SKU", feeds),
                new Endpoint("GET", "/v1/skus/MATRIX-SKU", stockReaders),
                new Endpoint("POST", "/v1/inventory/adjustments", feeds),
                new Endpoint("PUT", "/v1/locations/" + STORE + "/inventory", feeds),
                new Endpoint("POST", "/v1/inventory/inbound", feeds),
                new Endpoint("PUT", "/v1/inventory/safety-stock", admin),
                new Endpoint("GET", "/v1/inventory/MATRIX-SKU", stockReaders),
                new Endpoint("POST", "/v1/availability", Set.of(Roles.ADMIN, Roles.CHECKOUT)),
                new Endpoint("POST", "/v1/orders", Set.of(Roles.ADMIN, Roles.CHECKOUT)),
                new Endpoint("POST", "/v1/holds", Set.of(Roles.ADMIN, Roles.CHECKOUT)),
                new Endpoint("GET", "/v1/orders/MATRIX-ORDER", admin),
                new Endpoint("POST", "/v1/orders/MATRIX-ORDER/cancel", admin),
                new Endpoint("PATCH", "/v1/orders/MATRIX-ORDER", admin),
                new Endpoint("POST", "/v1/orders/MATRIX-ORDER/returns", Set.of(Roles.ADMIN, Roles.STORE_DEVICE)),
                new Endpoint(
                        "GET",
                        "/v1/returns/MATRIX-RETURN",
                        Set.of(Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT)),
                new Endpoint("POST", "/v1/returns/MATRIX-RETURN/receipt", Set.of(Roles.ADMIN, Roles.STORE_DEVICE)),
                new Endpoint("POST", "/v1/fulfillments/MATRIX-F/transitions", Set.of(Roles.ADMIN, Roles.STORE_DEVICE)),
                new Endpoint("POST", "/v1/fulfillments/transitions", Set.of(Roles.ADMIN, Roles.STORE_DEVICE)),
                new Endpoint(
                        "GET", "/v1/locations/" + STORE + "/fulfillments", Set.of(Roles.ADMIN, Roles.STORE_DEVICE)),
                new Endpoint(
                        "POST",
                        "/v1/locations/" + STORE + "/pickups/verify",
                        Set.of(Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT)),
                new Endpoint("GET", "/v1/locations/" + OTHER_STORE + "/fulfillments", admin),
                new Endpoint("POST", "/v1/orders/MATRIX-ORDER/arrival", admin),
                new Endpoint("GET", "/v1/orders/MATRIX-ORDER/pickup", admin),
                new Endpoint("GET", "/v1/orders/MATRIX-ORDER/fulfillments/MATRIX-F/pickup-code.svg", Set.of()),
                new Endpoint("GET", "/v1/locations/" + STORE + "/arrivals", Set.of(Roles.ADMIN, Roles.STORE_DEVICE)),
                new Endpoint("GET", "/v1/locations/" + OTHER_STORE + "/arrivals", admin),
                new Endpoint(
                        "GET",
                        "/v1/locations/" + STORE + "/pickups/waiting",
                        Set.of(Roles.ADMIN, Roles.STORE_DEVICE, Roles.PICKUP_POINT)),
                new Endpoint("GET", "/v1/routing/policy", admin),
                new Endpoint("PUT", "/v1/routing/policy", admin),
                new Endpoint("POST", "/v1/auth/tokens", admin),
                new Endpoint("GET", "/v1/customers/MATRIX-CUSTOMER/consents", Set.of(Roles.ADMIN, Roles.CHECKOUT)),
                new Endpoint("PUT", "/v1/customers/MATRIX-CUSTOMER/consents", Set.of(Roles.ADMIN, Roles.CHECKOUT)),
                new Endpoint("GET", "/v1/customers/MATRIX-CUSTOMER/export", admin),
                new Endpoint("POST", "/v1/customers/MATRIX-CUSTOMER/erase", admin),
                new Endpoint("POST", "/v1/auth/tokens/MATRIX-JTI/revoke", admin));
    }

    private static int call(RequestSpecification request, Endpoint endpoint) {
        if (!endpoint.method().equals("GET")) {
            boolean objectBody =
                    endpoint.path().endsWith("/inventory") || endpoint.path().endsWith("/availability");
            request = request.contentType(ContentType.JSON).body(objectBody ? "{}" : "[]");
        }
        return request.request(endpoint.method(), endpoint.path()).statusCode();
    }

    @Test
    void everyRoleReachesExactlyWhatItIsAllowed() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                int status = call(given().auth().oauth2(token.getValue()), endpoint);
                boolean allowed = endpoint.allowed().contains(token.getKey());
                if (allowed && (status == 401 || status == 403)) {
                    wrong.add(token.getKey() + " refused on " + endpoint.method() + " " + endpoint.path() + ": "
                            + status);
                } else if (!allowed && status != 403) {
                    wrong.add(token.getKey() + " not refused on " + endpoint.method() + " " + endpoint.path() + ": "
                            + status);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noTokenIsA401Everywhere() {
        for (Endpoint endpoint : endpoints()) {
            assertEquals(401, call(given(), endpoint), endpoint.method() + " " + endpoint.path());
        }
    }

    @Test
    void storeDeviceTokenCannotBeUsedAsAnOrderOrAdminToken() {
        String device = tokens.get(Roles.STORE_DEVICE);
        given().auth()
                .oauth2(device)
                .get("/v1/routing/policy")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(device)
                .contentType(ContentType.JSON)
                .body("{\"role\":\"admin\"}")
                .post("/v1/auth/tokens")
                .then()
                .statusCode(403);
    }

    @Test
    void healthAndOpenApiStayOpen() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
