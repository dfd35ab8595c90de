package io.omnigate.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the availability call refuses (problem+json, 400) and what it answers cleanly. */
@QuarkusTest
class AvailabilityValidationTest {

    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("lines", List.of(Map.of("sku", "VAL-SKU", "qty", 1)));
        body.put("destination", Map.of("lat", -60.0, "lon", -60.0));
        return body;
    }

    private static void refused(Map<String, Object> body, String field) {
        TestApi.admin()
                .body(body)
                .post("/v1/availability")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(containsString(field)));
    }

    @Test
    void anEmptyCartIsRefused() {
        Map<String, Object> body = valid();
        body.put("lines", List.of());
        refused(body, "lines");
    }

    @Test
    void aQuantityBelowOneIsRefused() {
        Map<String, Object> body = valid();
        body.put("lines", List.of(Map.of("sku", "VAL-SKU", "qty", 0)));
        refused(body, "qty");
        body.put("lines", List.of(Map.of("sku", "VAL-SKU", "qty", -3)));
        refused(body, "qty");
    }

    @Test
    void aMalformedSkuIsRefusedRatherThanSentToTheDatabase() {
        Map<String, Object> body = valid();
        body.put("lines", List.of(Map.of("sku", "SKU\u00001", "qty", 1)));
        refused(body, "sku");
    }

    @Test
    void fiveHundredLinesAreRefused() {
        Map<String, Object> body = valid();
        List<Map<String, Object>> lines = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> lines.add(Map.of("sku", "VAL-" + i, "qty", 1)));
        body.put("lines", lines);
        refused(body, "lines");
    }

    @Test
    void coordinatesOutOfRangeAreRefused() {
        Map<String, Object> body = valid();
        body.put("destination", Map.of("lat", 91.0, "lon", 0.0));
        refused(body, "lat");
        body.put("destination", Map.of("lat", 0.0, "lon", -181.0));
        refused(body, "lon");
    }

    @Test
    void aDeadlineOutOfRangeIsRefused() {
        Map<String, Object> body = valid();
        body.put("deadlineMs", 10);
        refused(body, "deadlineMs");
        body.put("deadlineMs", 6000);
        refused(body, "deadlineMs");
    }

    @Test
    void tooManyLocationsAndUnknownMethodsAreRefused() {
        Map<String, Object> body = valid();
        body.put("maxLocations", 21);
        refused(body, "maxLocations");
        Map<String, Object> teleport = valid();
        teleport.put("methods", List.of("TELEPORT"));
        TestApi.admin().body(teleport).post("/v1/availability").then().statusCode(400);
    }

    @Test
    void aCartOfUnknownSkusNowhereNearAnyStoreIsACleanEmptyAnswer() {
        TestApi.admin()
                .body(valid())
                .post("/v1/availability")
                .then()
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.notNullValue())
                .body("degraded", is(false))
                .body("warnings", hasItem(containsString("VAL-SKU")))
                .body("options.findAll { it.complete == true }.size()", is(0));
    }

    @Test
    void callersNeedTheCheckoutOrAdminRole() {
        given().contentType("application/json")
                .body(valid())
                .post("/v1/availability")
                .then()
                .statusCode(401);
    }
}
