package io.omnigate.availability;

import static io.omnigate.availability.ScenarioNetwork.line;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The availability call on small fixed networks, at a fixed instant: Wednesday 2026-03-11 10:00 in Rome. */
@QuarkusTest
class AvailabilityScenarioTest {

    static final Instant WEDNESDAY_0900Z = Instant.parse("2026-03-11T09:00:00Z");
    private static final AtomicInteger AREA = new AtomicInteger();

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    ScenarioNetwork net;

    @BeforeEach
    void pinClock() {
        clock.set(WEDNESDAY_0900Z);
        // Each scenario gets its own area, ~290 km from the next, far from other tests' locations.
        net = new ScenarioNetwork(pool, -30.0, 120.0 + 3 * AREA.incrementAndGet());
    }

    @AfterEach
    void releaseClock() {
        clock.reset();
    }

    private String sku() {
        String sku = TestApi.unique("SC-SKU");
        TestApi.putSkus(sku);
        return sku;
    }

    private JsonPath ask(Map<String, Object> body) {
        return TestApi.admin()
                .body(body)
                .post("/v1/availability")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Map<String, Object>> options(JsonPath answer, String method) {
        return answer.getList("options.findAll { it.method == '" + method + "' }");
    }

    @Test
    void nearestStoreWithStockWinsAndThePreferredOneComesFirst() {
        String sku = sku();
        String empty = net.store(1, "PICKUP");
        String near = net.store(3, "PICKUP");
        String far = net.store(6, "PICKUP");
        net.stock(empty, sku, 0, WEDNESDAY_0900Z);
        net.stock(near, sku, 5, WEDNESDAY_0900Z);
        net.stock(far, sku, 5, WEDNESDAY_0900Z);

        JsonPath answer = ask(net.request(List.of(line(sku, 2)), List.of("PICKUP")));
        List<Map<String, Object>> pickup = options(answer, "PICKUP");
        assertEquals(
                List.of(near, far),
                pickup.stream().map(o -> o.get("locationId")).toList());
        assertEquals("2026-03-11T10:00:00Z", pickup.get(0).get("readyAt"), "10:00 Rome + 60 min lead");
        assertEquals("LIVE", pickup.get(0).get("source"));
        assertEquals(true, pickup.get(0).get("complete"));
        assertEquals(
                Map.of("from", "2026-03-11T10:00:00Z", "to", "2026-03-11T19:00:00Z"),
                pickup.get(0).get("pickupWindow"));
        assertFalse(answer.getBoolean("degraded"));

        Map<String, Object> preferring = net.request(List.of(line(sku, 2)), List.of("PICKUP"));
        preferring.put("preferredLocationId", far);
        assertEquals(
                List.of(far, near),
                options(ask(preferring), "PICKUP").stream()
                        .map(o -> o.get("locationId"))
                        .toList());
    }

    @Test
    void aStoreWithoutTheCapabilityIsSkippedAndAClosedOneGetsItsNextOpening() {
        String sku = sku();
        String curbsideOnly = net.store(1, "CURBSIDE");
        Map<String, Object> holiday = net.location("STORE", 2, "Europe/Rome", List.of("PICKUP", "CURBSIDE"));
        holiday.put("hoursExceptions", List.of(Map.of("date", "2026-03-11", "hours", List.of())));
        String closedToday = net.put("SC-S", holiday);
        net.stock(curbsideOnly, sku, 5, WEDNESDAY_0900Z);
        net.stock(closedToday, sku, 5, WEDNESDAY_0900Z);

        JsonPath answer = ask(net.request(List.of(line(sku, 1)), List.of("PICKUP", "CURBSIDE")));
        List<Map<String, Object>> pickup = options(answer, "PICKUP");
        assertEquals(1, pickup.size(), pickup.toString());
        assertEquals(closedToday, pickup.get(0).get("locationId"));
        assertEquals("2026-03-12T09:00:00Z", pickup.get(0).get("readyAt"), "Thursday 09:00 Rome opening + 60 min");
        List<Map<String, Object>> curbside = options(answer, "CURBSIDE");
        assertEquals(curbsideOnly, curbside.get(0).get("locationId"));
        assertEquals("2026-03-11T10:00:00Z", curbside.get(0).get("readyAt"));
    }

    @Test
    void aFullHourMovesReadyAtToTheNextHourWithRoom() {
        String sku = sku();
        Map<String, Object> small = net.location("STORE", 1, "Europe/Rome", List.of("PICKUP"));
        small.put("hourlyCapacity", 2);
        String store = net.put("SC-S", small);
        net.stock(store, sku, 5, WEDNESDAY_0900Z);
        net.load(store, Instant.parse("2026-03-11T09:00:00Z"), 2);
        net.load(store, Instant.parse("2026-03-11T10:00:00Z"), 3);

        List<Map<String, Object>> pickup =
                options(ask(net.request(List.of(line(sku, 1)), List.of("PICKUP"))), "PICKUP");
        assertEquals(
                "2026-03-11T12:00:00Z",
                pickup.get(0).get("readyAt"),
                "work starts at 11:00Z, the first hour with room");
    }

    @Test
    void aCartOnlyTwoStoresCanServeTogetherIsSplit() {
        String first = sku();
        String second = sku();
        String a = net.store(1, "PICKUP", "SHIP_FROM");
        String b = net.store(4, "PICKUP", "SHIP_FROM");
        net.stock(a, first, 3, WEDNESDAY_0900Z);
        net.stock(b, second, 3, WEDNESDAY_0900Z);

        JsonPath answer = ask(net.request(List.of(line(first, 2), line(second, 1)), List.of("PICKUP", "SHIP")));
        List<Map<String, Object>> pickup = options(answer, "PICKUP");
        Map<String, Object> split = pickup.get(0);
        List<Map<String, Object>> shipments = (List<Map<String, Object>>) split.get("shipments");
        assertEquals(2, shipments.size(), split.toString());
        assertEquals(a, shipments.get(0).get("locationId"));
        assertEquals(List.of(Map.of("sku", first, "qty", 2)), shipments.get(0).get("lines"));
        assertEquals(b, shipments.get(1).get("locationId"));
        assertEquals(List.of(Map.of("sku", second, "qty", 1)), shipments.get(1).get("lines"));
        assertEquals(true, split.get("complete"));

        Map<String, Object> shipSplit = options(answer, "SHIP").get(0);
        assertEquals(2, ((List<?>) shipSplit.get("shipments")).size(), shipSplit.toString());
        assertEquals(
                9.8f, ((Number) ((Map<?, ?>) shipSplit.get("price")).get("amount")).floatValue(), 0.001, "2 × 4.90");
    }

    @Test
    void noStockAnywhereButInboundTomorrowGivesANearTimeWindow() {
        String sku = sku();
        String store = net.store(2, "PICKUP");
        net.stock(store, sku, 0, WEDNESDAY_0900Z);
        net.inbound(store, sku, 5, Instant.parse("2026-03-12T07:30:00Z"));

        List<Map<String, Object>> pickup =
                options(ask(net.request(List.of(line(sku, 2)), List.of("PICKUP"))), "PICKUP");
        assertEquals(1, pickup.size(), pickup.toString());
        assertEquals("NEAR_TIME", pickup.get(0).get("source"));
        assertEquals(
                "2026-03-12T09:00:00Z", pickup.get(0).get("readyAt"), "opens 08:00Z after the 07:30Z receipt, +60 min");
    }

    @Test
    void staleStockIsServedAsNearTimeWithItsBuffers() {
        String sku = sku();
        String store = net.store(2, "PICKUP");
        net.stock(store, sku, 3, WEDNESDAY_0900Z.minus(Duration.ofHours(2)));

        List<Map<String, Object>> fits = options(ask(net.request(List.of(line(sku, 2)), List.of("PICKUP"))), "PICKUP");
        assertEquals("NEAR_TIME", fits.get(0).get("source"));
        assertEquals("2026-03-11T11:00:00Z", fits.get(0).get("readyAt"), "lead + 1 h stale buffer");
        List<Map<String, Object>> tooMany =
                options(ask(net.request(List.of(line(sku, 3)), List.of("PICKUP"))), "PICKUP");
        assertTrue(tooMany.isEmpty(), "one unit is withheld from stale stock: " + tooMany);
    }

    @Test
    void aPassedCutOffMovesThePromiseAWorkingDay() {
        String sku = sku();
        String dc = net.put("SC-DC", net.location("DC", 20, "Europe/Rome", List.of("SHIP_FROM")));
        net.stock(dc, sku, 10, WEDNESDAY_0900Z);

        List<Map<String, Object>> before = options(ask(net.request(List.of(line(sku, 1)), List.of("SHIP"))), "SHIP");
        assertEquals("2026-03-13", promise(before, dc, "STANDARD"), "Wednesday before 17:00 + 2 working days");
        assertEquals("2026-03-12", promise(before, dc, "EXPRESS"));

        clock.set(Instant.parse("2026-03-11T16:30:00Z")); // 17:30 in Rome
        List<Map<String, Object>> after = options(ask(net.request(List.of(line(sku, 1)), List.of("SHIP"))), "SHIP");
        assertEquals(
                "2026-03-16", promise(after, dc, "STANDARD"), "dispatch Thursday, +2 working days skips the weekend");
        assertEquals("2026-03-13", promise(after, dc, "EXPRESS"));
    }

    private static String promise(List<Map<String, Object>> ship, String dc, String service) {
        return ship.stream()
                .filter(o -> dc.equals(o.get("locationId")) && service.equals(o.get("service")))
                .map(o -> (String) o.get("promisedBy"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + service + " from " + dc + " in " + ship));
    }

    @Test
    void aStoreInAnotherTimeZoneUsesItsOwnHoursAndSameDayCutOff() {
        String sku = sku();
        String newYork = net.put("SC-S", net.location("STORE", 1, "America/New_York", List.of("PICKUP", "SAME_DAY")));
        net.stock(newYork, sku, 4, WEDNESDAY_0900Z);

        JsonPath answer = ask(net.request(List.of(line(sku, 1)), List.of("PICKUP", "SAME_DAY")));
        // 09:00Z is 05:00 in New York: opens 09:00 local = 13:00Z, ready one hour later.
        assertEquals("2026-03-11T14:00:00Z", options(answer, "PICKUP").get(0).get("readyAt"));
        Map<String, Object> sameDay = options(answer, "SAME_DAY").get(0);
        assertEquals("2026-03-11", sameDay.get("promisedBy"));
        assertEquals("SAME_DAY", sameDay.get("service"));

        clock.set(Instant.parse("2026-03-11T18:30:00Z")); // 14:30 in New York: past the 14:00 same-day cut-off
        assertTrue(options(ask(net.request(List.of(line(sku, 1)), List.of("SAME_DAY"))), "SAME_DAY")
                .isEmpty());
    }

    @Test
    void aLockerIsFedByItsParentStoreWithTheTransferTime() {
        String sku = sku();
        String store = net.store(3, "PICKUP", "SHIP_FROM");
        Map<String, Object> locker = net.location("LOCKER", 1, "Europe/Rome", List.of("LOCKER"));
        locker.put("compartments", Map.of("M", 4));
        locker.put("parentLocationId", store);
        String lockerId = net.put("SC-L", locker);
        net.stock(store, sku, 2, WEDNESDAY_0900Z);

        Map<String, Object> option = options(ask(net.request(List.of(line(sku, 1)), List.of("LOCKER"))), "LOCKER")
                .get(0);
        assertEquals(lockerId, option.get("locationId"));
        assertEquals(store, option.get("fulfilledFromLocationId"));
        assertEquals("2026-03-11T13:00:00Z", option.get("readyAt"), "ready at the store 10:00Z + 3 h transfer");
    }

    @Test
    void aStoreWithoutTheStockIsOfferedWithATransferFromADcAfterSameStorePickup() {
        String sku = sku();
        String empty = net.store(2, "PICKUP", "CURBSIDE");
        String stocked = net.store(5, "PICKUP");
        String dc = net.put("SC-DC", net.location("DC", 20, "Europe/Rome", List.of("SHIP_FROM")));
        net.stock(empty, sku, 0, WEDNESDAY_0900Z);
        net.stock(stocked, sku, 4, WEDNESDAY_0900Z);
        net.stock(dc, sku, 50, WEDNESDAY_0900Z);

        JsonPath answer = ask(net.request(List.of(line(sku, 2)), List.of("PICKUP", "CURBSIDE")));
        List<Map<String, Object>> pickup = options(answer, "PICKUP");
        assertEquals(
                List.of(stocked, empty),
                pickup.stream().map(o -> o.get("locationId")).toList());
        assertEquals("LIVE", pickup.get(0).get("source"));
        Map<String, Object> transfer = pickup.get(1);
        assertEquals("TRANSFER", transfer.get("source"));
        assertEquals(dc, transfer.get("fulfilledFromLocationId"));
        assertEquals(true, transfer.get("complete"));
        assertEquals(
                "2026-03-12T11:00:00Z",
                transfer.get("readyAt"),
                "DC lead 60 min (10:00Z), 24 h DC-to-store transfer, then the store's own 60 min lead");
        List<Map<String, Object>> curbside = options(answer, "CURBSIDE");
        assertEquals(1, curbside.size(), curbside.toString());
        assertEquals("TRANSFER", curbside.get(0).get("source"));
        assertEquals(empty, curbside.get(0).get("locationId"));
    }

    @Test
    void anUnknownSkuIsAnsweredAsUnavailable() {
        String known = sku();
        String store = net.store(1, "PICKUP");
        net.stock(store, known, 5, WEDNESDAY_0900Z);
        String unknown = TestApi.unique("NOPE");

        TestApi.admin()
                .body(net.request(List.of(line(known, 1), line(unknown, 1)), List.of("PICKUP")))
                .post("/v1/availability")
                .then()
                .statusCode(200)
                .body("warnings", hasItem(containsString(unknown)))
                .body("options.findAll { it.complete == true }.size()", org.hamcrest.Matchers.is(0));
    }
}
