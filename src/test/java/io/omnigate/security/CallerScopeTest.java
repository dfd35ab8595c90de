package io.omnigate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallerScopeTest {

    @Inject
    TokenService tokens;

    @Test
    void storeDeviceReachesOnlyItsOwnLocation() {
        String device = SecurityTestSupport.mint(Map.of("role", Roles.STORE_DEVICE, "locationId", "S-0001"));
        given().auth()
                .oauth2(device)
                .when()
                .get("/test-scope/locations/S-0001")
                .then()
                .statusCode(200)
                .body("role", equalTo(Roles.STORE_DEVICE))
                .body("locationId", equalTo("S-0001"))
                .body("admin", equalTo(false));
        given().auth()
                .oauth2(device)
                .when()
                .get("/test-scope/locations/S-0002")
                .then()
                .statusCode(403)
                .contentType(equalTo("application/problem+json"))
                .body("type", equalTo("https://omnigate.io/problems/forbidden"));
    }

    @Test
    void pickupPointIsScopedLikeAStoreDevice() {
        String locker = SecurityTestSupport.mint(Map.of("role", Roles.PICKUP_POINT, "locationId", "L-0042"));
        given().auth()
                .oauth2(locker)
                .when()
                .get("/test-scope/locations/L-0042")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(locker)
                .when()
                .get("/test-scope/locations/S-0001")
                .then()
                .statusCode(403);
    }

    @Test
    void adminReachesEveryLocationAndOrder() {
        String admin = SecurityTestSupport.mint(Map.of("role", Roles.ADMIN));
        given().auth()
                .oauth2(admin)
                .when()
                .get("/test-scope/locations/S-0009")
                .then()
                .statusCode(200)
                .body("admin", equalTo(true))
                .body("locationId", nullValue());
        given().auth().oauth2(admin).when().get("/test-scope/orders/O-1").then().statusCode(200);
    }

    @Test
    void bootstrapSecretIsAnAdmin() {
        given().auth()
                .oauth2(SecurityTestSupport.bootstrapSecret())
                .when()
                .get("/test-scope/locations/S-0003")
                .then()
                .statusCode(200)
                .body("role", equalTo(Roles.ADMIN));
    }

    @Test
    void orderTokenOpensOnlyItsOrder() {
        String order = tokens.mintOrderToken("O-123", Duration.ofMinutes(5));
        given().auth()
                .oauth2(order)
                .when()
                .get("/test-scope/orders/O-123")
                .then()
                .statusCode(200)
                .body("role", equalTo(Roles.ORDER))
                .body("orderId", equalTo("O-123"));
        given().auth()
                .oauth2(order)
                .when()
                .get("/test-scope/orders/O-124")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(order)
                .when()
                .get("/test-scope/locations/S-0001")
                .then()
                .statusCode(403);
    }

    @Test
    void otherRolesCannotReachLocationScopedResources() {
        String checkout = SecurityTestSupport.mint(Map.of("role", Roles.CHECKOUT));
        given().auth()
                .oauth2(checkout)
                .when()
                .get("/test-scope/locations/S-0001")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(checkout)
                .when()
                .get("/test-scope/orders/O-123")
                .then()
                .statusCode(403);
    }

    @Test
    void anonymousCallerIs401() {
        given().when()
                .get("/test-scope/locations/S-0001")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(equalTo("application/problem+json"));
    }
}
