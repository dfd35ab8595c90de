package io.omnigate;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shared request builders and fixtures for HTTP tests; every test names its own ids so tests never collide. */
public final class TestApi {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private TestApi() {}

    public static RequestSpecification admin() {
        return as(bootstrapSecret());
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The admin secret the app generated into its data directory on first start. */
    public static String bootstrapSecret() {
        String dataDir = ConfigProvider.getConfig().getValue("omnigate.data-dir", String.class);
        try {
            return Files.readString(Path.of(dataDir, "bootstrap-token"), StandardCharsets.US_ASCII)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mints a scoped token through the API, as an operator would. */
    public static String mint(String role, String locationId) {
        Map<String, Object> body = locationId == null
                ? Map.of("role", role, "ttlSeconds", 3600)
                : Map.of("role", role, "locationId", locationId, "ttlSeconds", 3600);
        return admin().body(body)
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> store(double lat, double lon, String... capabilities) {
        return Map.of(
                "type",
                "STORE",
                "name",
                "Test store",
                "lat",
                lat,
                "lon",
                lon,
                "timeZone",
                "Europe/Rome",
                "capabilities",
                List.of(capabilities),
                "openingHours",
                Map.of("MONDAY", List.of(Map.of("open", "09:00", "close", "20:00"))),
                "pickupLeadMinutes",
                60,
                "hourlyCapacity",
                10);
    }

    public static void putLocation(String id, Map<String, Object> body) {
        admin().body(body)
                .put("/v1/locations/{id}", id)
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    public static void putSkus(String... skus) {
        List<Map<String, String>> body = java.util.Arrays.stream(skus)
                .map(s -> Map.of("sku", s, "name", "Test " + s))
                .toList();
        admin().body(body).post("/v1/skus").then().statusCode(200);
    }
}
