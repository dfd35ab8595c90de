package io.omnigate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 17, limits: revocation by jti on every instance, and admin tokens that live briefly. */
@QuarkusTest
class TokenRevocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void aRevokedTokenIsRefusedEverywhereFromTheNextRequestOn() throws Exception {
        String checkout = TestApi.mint(Roles.CHECKOUT, null);
        String jti = claims(checkout).get("jti").asText();
        TestApi.as(checkout).get("/v1/skus/{sku}", "REVOKE-NONE").then().statusCode(404);

        TestApi.as(checkout).post("/v1/auth/tokens/{jti}/revoke", jti).then().statusCode(403);
        TestApi.admin().post("/v1/auth/tokens/{jti}/revoke", jti).then().statusCode(200);
        TestApi.as(checkout).get("/v1/skus/{sku}", "REVOKE-NONE").then().statusCode(401);
        given().get("/v1/orders/{id}/events?access_token=" + checkout, "O-NONE")
                .then()
                .statusCode(401);
        TestApi.admin().post("/v1/auth/tokens/{jti}/revoke", jti).then().statusCode(200);
        TestApi.admin()
                .post("/v1/auth/tokens/{jti}/revoke", "x".repeat(200))
                .then()
                .statusCode(400);
    }

    @Test
    void adminTokensLiveAnHourAtMost() throws Exception {
        TestApi.admin()
                .body(Map.of("role", Roles.ADMIN, "ttlSeconds", 7200))
                .post("/v1/auth/tokens")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ttlSeconds"));
        String admin = TestApi.admin()
                .body(Map.of("role", Roles.ADMIN))
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        long lifetime = claims(admin).get("exp").asLong() - Instant.now().getEpochSecond();
        assertEquals(3600, lifetime, 5);
    }
}
