package io.omnigate.inventory;

import static io.omnigate.TestApi.admin;
import static io.omnigate.TestApi.putLocation;
import static io.omnigate.TestApi.putSkus;
import static io.omnigate.TestApi.store;
import static io.omnigate.TestApi.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 5: a snapshot {@code asOf} or an adjustment {@code occurredAt} beyond the clock
 * skew (PT5M by default) is a 400 naming the field, so it can neither freeze a location nor
 * replay a delta for ever.
 */
@QuarkusTest
class InventoryDateBoundsTest {

    String location;
    String sku;

    @BeforeEach
    void network() {
        location = unique("DATES");
        sku = unique("SKU");
        putLocation(location, store(11.0, 11.0, "PICKUP"));
        putSkus(sku);
    }

    private Map<String, Object> adjustment(Instant occurredAt) {
        return Map.of(
                "eventId",
                unique("evt"),
                "locationId",
                location,
                "sku",
                sku,
                "delta",
                3,
                "reason",
                "RECEIPT",
                "occurredAt",
                occurredAt.toString());
    }

    @Test
    void anAdjustmentFromTheFutureIsRefusedNamingItsIndexAndField() {
        Instant now = Instant.now();
        admin().body(List.of(adjustment(now), adjustment(now.plus(Duration.ofDays(3650)))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("[1].occurredAt"));
        admin().body(List.of(adjustment(now.plus(Duration.ofMinutes(2)))))
                .post("/v1/inventory/adjustments")
                .then()
                .statusCode(200);
    }

    @Test
    void aSnapshotFromTheFutureIsRefusedAndTheLocationTakesTodaysSnapshot() {
        String future = Instant.now()
                .plus(Duration.ofDays(365))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        admin().contentType("text/csv")
                .body(("sku,onHand\n" + sku + ",7\n").getBytes(StandardCharsets.UTF_8))
                .put("/v1/locations/{id}/inventory?asOf=" + future, location)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("asOf"));
        admin().body(Map.of("asOf", future, "items", List.of(Map.of("sku", sku, "onHand", 7))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("asOf"));

        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        admin().body(Map.of("asOf", now, "items", List.of(Map.of("sku", sku, "onHand", 4))))
                .put("/v1/locations/{id}/inventory", location)
                .then()
                .statusCode(200)
                .body("lines", is(1));
    }
}
