package io.omnigate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrapTokenTest.ConfiguredSecret.class)
class ConfiguredBootstrapTokenTest {

    static final String SECRET = "configured-bootstrap-secret-0123456789";

    public static class ConfiguredSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnigate.auth.bootstrap-token", SECRET);
        }
    }

    @Test
    void configuredSecretIsAdmin() {
        given().auth()
                .oauth2(SECRET)
                .contentType("application/json")
                .body(Map.of("role", Roles.INVENTORY_FEED))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .body("role", equalTo(Roles.INVENTORY_FEED));
    }

    @Test
    void anyOtherSecretIsRefused() {
        given().auth()
                .oauth2(SECRET + "x")
                .contentType("application/json")
                .body(Map.of("role", Roles.INVENTORY_FEED))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(401)
                .contentType(equalTo("application/problem+json"));
    }
}
