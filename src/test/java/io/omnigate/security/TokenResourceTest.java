package io.omnigate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class TokenResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {Roles.ADMIN, Roles.CHECKOUT, Roles.INVENTORY_FEED})
    void bootstrapMintsUnscopedRoles(String role) throws Exception {
        String token = given().auth()
                .oauth2(SecurityTestSupport.bootstrapSecret())
                .contentType(ContentType.JSON)
                .body(Map.of("role", role, "ttlSeconds", 600))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("role", equalTo(role))
                .body("locationId", nullValue())
                .body("expiresAt", notNullValue())
                .extract()
                .path("token");
        JsonNode claims = claims(token);
        assertEquals(role, claims.get("groups").get(0).asText());
        assertEquals("omnigate", claims.get("iss").asText());
        long lifetime = claims.get("exp").asLong() - Instant.now().getEpochSecond();
        assertEquals(600, lifetime, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {Roles.STORE_DEVICE, Roles.PICKUP_POINT})
    void locationScopedTokensCarryTheirLocation(String role) throws Exception {
        String token = given().auth()
                .oauth2(SecurityTestSupport.bootstrapSecret())
                .contentType(ContentType.JSON)
                .body(Map.of("role", role, "locationId", "S-0007"))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .body("role", equalTo(role))
                .body("locationId", equalTo("S-0007"))
                .extract()
                .path("token");
        JsonNode claims = claims(token);
        assertEquals("S-0007", claims.get(Roles.LOCATION_CLAIM).asText());
        long lifetime = claims.get("exp").asLong() - Instant.now().getEpochSecond();
        assertEquals(TokenService.DEFAULT_TTL_SECONDS, lifetime, 5);
    }

    @Test
    void mintedAdminTokenMintsToo() {
        String admin = SecurityTestSupport.mint(Map.of("role", Roles.ADMIN));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("role", Roles.CHECKOUT))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .body("role", equalTo(Roles.CHECKOUT));
    }

    @Test
    void storeDeviceWithoutLocationIsRefused() {
        invalid(Map.of("role", Roles.STORE_DEVICE))
                .body("errors.field", hasItem("locationId"))
                .body("errors.message", hasItem("is required for role store-device"));
    }

    @Test
    void checkoutWithLocationIsRefused() {
        invalid(Map.of("role", Roles.CHECKOUT, "locationId", "S-0001")).body("errors.field", hasItem("locationId"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 59, 31_536_001, -5})
    void ttlOutOfRangeIsRefused(long ttl) {
        invalid(Map.of("role", Roles.CHECKOUT, "ttlSeconds", ttl)).body("errors.field", hasItem("ttlSeconds"));
    }

    @Test
    void nonNumericTtlIsRefused() {
        invalid(Map.of("role", Roles.CHECKOUT, "ttlSeconds", "soon")).body("errors.field", hasItem("ttlSeconds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", Roles.ORDER, ""})
    void unknownOrUnmintableRoleIsRefused(String role) {
        invalid(Map.of("role", role)).body("errors.field", hasItem("role"));
    }

    @Test
    void everyBadFieldIsListed() {
        invalid(Map.of("role", Roles.PICKUP_POINT, "ttlSeconds", 1))
                .body("errors.field", hasItem("locationId"))
                .body("errors.field", hasItem("ttlSeconds"));
    }

    @Test
    void nonAdminTokenCannotMint() {
        String checkout = SecurityTestSupport.mint(Map.of("role", Roles.CHECKOUT));
        given().auth()
                .oauth2(checkout)
                .contentType(ContentType.JSON)
                .body(Map.of("role", Roles.ADMIN))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(403)
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(403))
                .body("type", equalTo("https://omnigate.io/problems/forbidden"))
                .body("detail", not(containsString("admin")));
    }

    @Test
    void missingTokenIs401ProblemJson() {
        unauthorized(given()).body(not(containsString("Exception")));
    }

    @Test
    void garbageTokenIs401() {
        unauthorized(given().header("Authorization", "Bearer not-a-jwt"));
        unauthorized(given().header("Authorization", "Bearer "));
        unauthorized(given().header("Authorization", "Basic YWRtaW46YWRtaW4="));
    }

    @Test
    void expiredTokenIs401() {
        String expired = Jwt.subject("admin")
                .groups(Set.of(Roles.ADMIN))
                .issuedAt(Instant.now().minus(Duration.ofHours(3)))
                .expiresAt(Instant.now().minus(Duration.ofHours(2)))
                .sign();
        unauthorized(given().auth().oauth2(expired));
    }

    @Test
    void tamperedTokenIs401() {
        String token = SecurityTestSupport.mint(Map.of("role", Roles.ADMIN));
        int middleOfSignature = token.lastIndexOf('.') + 20;
        char flipped = token.charAt(middleOfSignature) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, middleOfSignature) + flipped + token.substring(middleOfSignature + 1);
        unauthorized(given().auth().oauth2(tampered));
    }

    @Test
    void escalatedPayloadIs401() throws Exception {
        String[] parts =
                SecurityTestSupport.mint(Map.of("role", Roles.CHECKOUT)).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"checkout\"", "\"admin\"");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        unauthorized(given().auth().oauth2(forged));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Jwt.subject("admin")
                .groups(Set.of(Roles.ADMIN))
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .sign(generator.generateKeyPair().getPrivate());
        unauthorized(given().auth().oauth2(foreign));
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        String other = Jwt.issuer("someone-else")
                .subject("admin")
                .groups(Set.of(Roles.ADMIN))
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .sign();
        unauthorized(given().auth().oauth2(other));
    }

    @Test
    void accessTokenQueryParameterIsIgnoredOutsideSseStreams() {
        String admin = SecurityTestSupport.mint(Map.of("role", Roles.ADMIN));
        unauthorized(given().queryParam(PresentedToken.ACCESS_TOKEN_PARAMETER, admin));
        unauthorized(given().queryParam(PresentedToken.ACCESS_TOKEN_PARAMETER, SecurityTestSupport.bootstrapSecret()));
    }

    @Test
    void generatedBootstrapSecretIsOwnerOnly() throws Exception {
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(SecurityTestSupport.bootstrapFile())));
    }

    @Test
    void openApiDocumentsTheBearerScheme() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.size()", equalTo(1))
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.securitySchemes.bearer.bearerFormat", equalTo("JWT"))
                .body("paths.'/v1/auth/tokens'.post.security[0]", notNullValue());
    }

    @Test
    void operationsEndpointsStayOpen() {
        given().when().get("/q/health").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }

    private static ValidatableResponse invalid(Map<String, Object> body) {
        return given().auth()
                .oauth2(SecurityTestSupport.bootstrapSecret())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(400)
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(400))
                .body("type", equalTo("https://omnigate.io/problems/validation"));
    }

    private static ValidatableResponse unauthorized(io.restassured.specification.RequestSpecification request) {
        return request.contentType(ContentType.JSON)
                .body(Map.of("role", Roles.CHECKOUT))
                .when()
                .post("/v1/auth/tokens")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://omnigate.io/problems/unauthorized"))
                .body("instance", equalTo("/v1/auth/tokens"));
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
