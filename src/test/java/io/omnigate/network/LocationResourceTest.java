package io.omnigate.network;

import static io.omnigate.TestApi.admin;
import static io.omnigate.TestApi.putLocation;
import static io.omnigate.TestApi.store;
import static io.omnigate.TestApi.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LocationResourceTest {

    @Test
    void createReadAndReplaceALocation() {
        String id = unique("S");
        Map<String, Object> body = new HashMap<>(store(45.4642, 9.19, "PICKUP", "CURBSIDE"));
        body.put("hoursExceptions", List.of(Map.of("date", "2026-12-25", "hours", List.of())));
        body.put("address", Map.of("line1", "Via Torino 1", "city", "Milano", "postalCode", "20123", "country", "IT"));

        admin().body(body).put("/v1/locations/{id}", id).then().statusCode(201).body("version", is(1));
        admin().get("/v1/locations/{id}", id)
                .then()
                .statusCode(200)
                .body("type", is("STORE"))
                .body("capabilities", hasItem("CURBSIDE"))
                .body("openingHours.MONDAY[0].open", is("09:00"))
                .body("hoursExceptions[0].date", is("2026-12-25"))
                .body("defaultSafetyStock", is(1))
                .body("address.city", is("Milano"));

        body.put("name", "Renamed");
        admin().body(body).put("/v1/locations/{id}", id).then().statusCode(200).body("version", is(2));
        admin().get("/v1/locations/{id}", id).then().body("name", is("Renamed"));
    }

    @Test
    void unknownLocationIsA404Problem() {
        admin().get("/v1/locations/{id}", "NOPE-404")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", containsString("not-found"))
                .body("status", is(404));
    }

    @Test
    void nearestQueryRanksByDistanceAndFilters() {
        // A private corner of the map (South Atlantic) so other tests' locations never interfere.
        String a = unique("NA");
        String b = unique("NB");
        String c = unique("NC");
        putLocation(a, store(-40.00, -20.00, "PICKUP"));
        putLocation(b, store(-40.05, -20.00, "PICKUP", "CURBSIDE"));
        putLocation(c, store(-40.50, -20.00, "CURBSIDE"));

        admin().get("/v1/locations?near=-40.0,-20.0&radiusKm=100&type=STORE")
                .then()
                .statusCode(200)
                .body("items.location.id", contains(a, b, c))
                .body("items[1].distanceKm", notNullValue());
        admin().get("/v1/locations?near=-40.0,-20.0&radiusKm=10&capability=CURBSIDE")
                .then()
                .body("items.location.id", contains(b));
        admin().get("/v1/locations?near=-40.0,-20.0&capability=CURBSIDE&limit=1")
                .then()
                .body("count", is(1))
                .body("items.location.id", contains(b));
    }

    @Test
    void badInputGetsA400WithFieldsAndChangesNothing() {
        String id = unique("BAD");
        Map<String, Object> body = new HashMap<>(store(95.0, 9.19, "PICKUP"));
        body.put("timeZone", "Mars/Olympus");
        admin().body(body)
                .put("/v1/locations/{id}", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("lat"));

        body.put("lat", 45.0);
        admin().body(body)
                .put("/v1/locations/{id}", id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("timeZone"));

        body.put("timeZone", "Europe/Rome");
        body.put("type", "CASTLE");
        admin().body(body).put("/v1/locations/{id}", id).then().statusCode(400).body("errors.field", hasItem("type"));

        body.put("type", "STORE");
        body.put("openingHours", Map.of("MONDAY", List.of(Map.of("open", "20:00", "close", "09:00"))));
        admin().body(body).put("/v1/locations/{id}", id).then().statusCode(400);

        admin().body("{\"type\": \"STORE\", ")
                .put("/v1/locations/{id}", id)
                .then()
                .statusCode(400);
        admin().body(Map.of("type", "STORE"))
                .put("/v1/locations/{id}", "bad id!")
                .then()
                .statusCode(400);

        admin().get("/v1/locations/{id}", id).then().statusCode(404);
    }

    @Test
    void lockerParentMustBeAStore() {
        String lockerId = unique("L");
        Map<String, Object> locker = new HashMap<>(store(45.0, 9.0, "LOCKER"));
        locker.put("type", "LOCKER");
        locker.put("parentLocationId", "DOES-NOT-EXIST");
        admin().body(locker)
                .put("/v1/locations/{id}", lockerId)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("parentLocationId"));

        String storeId = unique("S");
        putLocation(storeId, store(45.0, 9.0, "PICKUP"));
        locker.put("parentLocationId", storeId);
        locker.put("compartments", Map.of("S", 10, "XL", 4));
        admin().body(locker)
                .put("/v1/locations/{id}", lockerId)
                .then()
                .statusCode(400)
                .body("errors[0].field", startsWith("compartments"))
                .body("errors[0].message", is("must be one of [S, M, L]"));
        locker.put("compartments", Map.of("S", 10, "M", 4));
        admin().body(locker)
                .put("/v1/locations/{id}", lockerId)
                .then()
                .statusCode(201)
                .body("parentLocationId", is(storeId))
                .body("compartments.S", is(10));
    }

    @Test
    void badNearPointIsRefused() {
        admin().get("/v1/locations?near=abc").then().statusCode(400).body("errors[0].field", is("near"));
        admin().get("/v1/locations?near=10,200").then().statusCode(400);
        admin().get("/v1/locations?near=10,20&radiusKm=-1").then().statusCode(400);
    }
}
