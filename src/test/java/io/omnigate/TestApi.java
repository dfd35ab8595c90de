package io.omnigate;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shared request builders and fixtures for HTTP tests; every test names its own ids so tests never collide. */
public final class TestApi {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private TestApi() {}

    public static RequestSpecification admin() {
        return given().contentType(ContentType.JSON);
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
