package io.omnigate.fulfillment;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.asAdmin;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.fulfillment.WorkflowFixtures.device;
import static io.omnigate.fulfillment.WorkflowFixtures.move;
import static io.omnigate.fulfillment.WorkflowFixtures.pickupPoint;
import static io.omnigate.fulfillment.WorkflowFixtures.verify;
import static io.omnigate.fulfillment.WorkflowFixtures.walk;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.Parallel;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LockerPickupTest {

    @Inject
    Pool pool;

    @Inject
    PickupCodes codes;

    @Inject
    PickupExpiry expiry;

    OrderFixtures fx;
    WorkflowFixtures wf;
    String store;
    String locker;
    String sku;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        wf = new WorkflowFixtures(fx, codes);
        store = fx.store(0.01, "PICKUP");
        locker = fx.locker(0.011, store, Map.of("S", 1, "M", 1));
        sku = fx.sku();
        fx.stock(store, sku, 10);
    }

    /** Places a LOCKER order and brings it to PACKED; returns [orderId, fulfillmentId]. */
    private String[] packed() {
        return packed(locker, sku);
    }

    private String[] packed(String at, String item) {
        JsonPath order = place(Map.of("method", "LOCKER", "locationId", at, "lines", List.of(line(item, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fid = order.getString("fulfillments[0].id");
        assertEquals(store, order.getString("fulfillments[0].locationId"));
        walk(() -> device(store), fid, "ACCEPTED", "PICKING", "PACKED");
        return new String[] {order.getString("id"), fid};
    }

    private JsonPath ready(String fid, String parcelSize) {
        return device(store)
                .body(Map.of("to", "READY_FOR_PICKUP", "parcelSize", parcelSize))
                .post("/v1/fulfillments/{id}/transitions", fid)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private Row readyEvent(String fid, String type) {
        return fx.sql(
                        "select location_id, payload::text as payload, payload ->> 'lockerFull' as full,"
                                + " payload ->> 'pickupLocationId' as pickup from event_outbox"
                                + " where fulfillment_id = $1 and type = $2 order by seq desc limit 1",
                        Tuple.of(fid, type))
                .iterator()
                .next();
    }

    @Test
    void compartmentsGoSmallestFirstAFullLockerSendsTheParcelToItsStoreAndPickupFreesTheDoor() {
        String[] first = packed();
        String[] second = packed();
        String[] third = packed();

        assertEquals("S-01", ready(first[1], "S").getString("fulfillment.compartment"));
        JsonPath m = ready(second[1], "S");
        assertEquals("M-01", m.getString("fulfillment.compartment"));
        assertEquals(locker, m.getString("fulfillment.pickupLocationId"));
        JsonPath full = ready(third[1], "S");
        assertEquals(store, full.getString("fulfillment.pickupLocationId"));
        assertEquals(null, full.getString("fulfillment.compartment"));

        Row redirected = readyEvent(third[1], "fulfillment.status");
        assertEquals("true", redirected.getString("full"));
        assertEquals(store, redirected.getString("pickup"));
        assertEquals(store, readyEvent(third[1], "pickup.ready").getString("location_id"));
        Row atLocker = readyEvent(first[1], "pickup.ready");
        assertEquals(locker, atLocker.getString("location_id"));
        assertTrue(atLocker.getString("payload").contains("S-01"));
        assertTrue(!atLocker.getString("payload").contains(PickupCodes.SEALED_FIELD));

        verify(pickupPoint(locker), locker, wf.pickupCode(first[1]))
                .then()
                .statusCode(200)
                .body("compartment", is("S-01"))
                .body("orderId", is(first[0]));
        assertEquals(
                "pickup.collected@" + locker + ":PICKED_UP",
                wf.outbox(first[0]).get(wf.outbox(first[0]).size() - 2));
        // The parcel redirected to the store is collected there, not at the locker.
        verify(pickupPoint(locker), locker, wf.pickupCode(third[1])).then().statusCode(422);
        verify(device(store), store, wf.pickupCode(third[1])).then().statusCode(200);

        String[] fourth = packed();
        assertEquals("S-01", ready(fourth[1], "S").getString("fulfillment.compartment"));
        assertEquals(
                0,
                fx.count(
                        "select count(*) from (select size, slot from compartment_assignment where locker_id = $1"
                                + " and freed_at is null group by 1, 2 having count(*) > 1) x",
                        Tuple.of(locker)));
        assertEquals(2, fx.reserved(store, sku));
        assertEquals(8, fx.onHand(store, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void aParcelSizeIsSMOrLAndALargeParcelWaitsAtTheStoreOfALockerWithoutALargeCompartment() {
        String[] large = packed();
        device(store)
                .body(Map.of("to", "READY_FOR_PICKUP", "parcelSize", "XL"))
                .post("/v1/fulfillments/{id}/transitions", large[1])
                .then()
                .statusCode(400)
                .contentType(endsWith("problem+json"))
                .body("errors[0].field", is("parcelSize"))
                .body("errors[0].message", is("must be one of [S, M, L]"));

        // The refused request changed nothing: the parcel is still PACKED, and L fits neither S nor M.
        JsonPath ready = ready(large[1], "L");
        assertEquals(store, ready.getString("fulfillment.pickupLocationId"));
        assertEquals(null, ready.getString("fulfillment.compartment"));
        assertEquals("true", readyEvent(large[1], "fulfillment.status").getString("full"));
    }

    @Test
    void parallelReadinessNeverGivesTwoParcelsOneCompartment() throws Exception {
        List<String[]> parcels = List.of(packed(), packed(), packed(), packed());
        String token = TestApi.mint(Roles.STORE_DEVICE, store);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<String> compartments = Parallel.run(
                4,
                () -> TestApi.as(token)
                        .body(Map.of("to", "READY_FOR_PICKUP", "parcelSize", "S"))
                        .post("/v1/fulfillments/{id}/transitions", parcels.get(next.getAndIncrement())[1])
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("fulfillment.compartment"));
        assertEquals(2, compartments.stream().filter(c -> c != null).distinct().count(), compartments.toString());
        assertEquals(2, compartments.stream().filter(c -> c == null).count(), compartments.toString());
    }

    @Test
    void wrongCodesAreCountedAndLockThePickupPointOut() {
        String[] parcel = packed();
        ready(parcel[1], "M");
        String code = wf.pickupCode(parcel[1]);
        for (int i = 0; i < 4; i++) {
            verify(pickupPoint(locker), locker, "WRONG" + i)
                    .then()
                    .statusCode(422)
                    .body("type", endsWith("/invalid-pickup-code"));
        }
        verify(pickupPoint(locker), locker, "WRONG4")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", endsWith("/pickup-locked-out"));
        verify(pickupPoint(locker), locker, code).then().statusCode(429);
        assertEquals("READY_FOR_PICKUP", wf.status(parcel[1]));

        fx.sql(
                "update pickup_guard set locked_until = now() - interval '1 second' where location_id = $1",
                Tuple.of(locker));
        verify(pickupPoint(locker), locker, code).then().statusCode(200);
        verify(pickupPoint(locker), locker, code).then().statusCode(409);
        verify(pickupPoint(store), locker, code).then().statusCode(403);
    }

    @Test
    void aBurstOfParallelWrongCodesCannotGetPastTheLockout() throws Exception {
        String[] parcel = packed();
        ready(parcel[1], "M");
        String code = wf.pickupCode(parcel[1]);
        String token = TestApi.mint(Roles.PICKUP_POINT, locker);
        AtomicInteger attempt = new AtomicInteger();
        List<String> outcomes = Parallel.run(20, () -> {
            io.restassured.response.Response r = verify(TestApi.as(token), locker, "WRONG" + attempt.getAndIncrement());
            return r.statusCode() + " " + r.path("type");
        });
        long wrong = outcomes.stream()
                .filter(o -> o.startsWith("422 ") && o.endsWith("/invalid-pickup-code"))
                .count();
        long locked = outcomes.stream()
                .filter(o -> o.startsWith("429 ") && o.endsWith("/pickup-locked-out"))
                .count();
        // The fifth wrong code is the one that locks the point out: it is already a 429.
        assertEquals(4, wrong, outcomes.toString());
        assertEquals(16, locked, outcomes.toString());
        verify(TestApi.as(token), locker, code).then().statusCode(429);
        assertEquals("READY_FOR_PICKUP", wf.status(parcel[1]));
    }

    @Test
    void aParcelInACompartmentLeavesOnlyAgainstItsCodeAndExpiryIsTheJobs() {
        String[] parcel = packed();
        assertEquals("S-01", ready(parcel[1], "S").getString("fulfillment.compartment"));
        move(device(store), parcel[1], "PICKED_UP")
                .then()
                .statusCode(409)
                .body("type", endsWith("/pickup-code-required"));
        move(asAdmin(), parcel[1], "PICKED_UP").then().statusCode(409).body("type", endsWith("/pickup-code-required"));
        move(device(store), parcel[1], "EXPIRED").then().statusCode(422).body("type", endsWith("/expiry-is-automatic"));
        assertEquals("READY_FOR_PICKUP", wf.status(parcel[1]));
        assertEquals(1, fx.reserved(store, sku));
        assertEquals(
                1,
                fx.count(
                        "select count(*) from compartment_assignment where fulfillment_id = $1 and freed_at is null",
                        Tuple.of(parcel[1])));

        move(asAdmin(), parcel[1], "EXPIRED").then().statusCode(200).body("fulfillment.status", is("EXPIRED"));
        assertEquals(0, fx.reserved(store, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void aParcelWaitingAtAKioskIsNotHandedOverByTheStoreThatPackedIt() {
        // A kiosk: a pickup point of the store without compartments, where the parcel waits on a shelf.
        String kiosk = fx.locker(0.012, store, Map.of());
        String fid = packed(kiosk, sku)[1];
        JsonPath ready = ready(fid, "M");
        assertEquals(kiosk, ready.getString("fulfillment.pickupLocationId"));
        assertEquals(null, ready.getString("fulfillment.compartment"));

        move(device(store), fid, "PICKED_UP").then().statusCode(403).body("type", endsWith("/not-the-pickup-location"));
        assertEquals("READY_FOR_PICKUP", wf.status(fid));
        assertEquals(10, fx.onHand(store, sku));

        verify(pickupPoint(kiosk), kiosk, wf.pickupCode(fid)).then().statusCode(200);
        assertEquals("PICKED_UP", wf.status(fid));
        assertEquals(9, fx.onHand(store, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void anOrderWhoseExpiryFailsIsSkippedAndTheOthersStillExpire() throws Exception {
        String blockedSku = fx.sku();
        fx.stock(store, blockedSku, 5);
        String blocked = packed(locker, blockedSku)[1];
        ready(blocked, "S");
        String[] other = packed();
        ready(other[1], "M");
        // Releasing the blocked parcel's unit would take reserved below 0: its expiry fails on the check.
        fx.sql("update stock set reserved = 0 where location_id = $1 and sku = $2", Tuple.of(store, blockedSku));
        fx.sql("update fulfillment set ready_at = now() - interval '7 days' where id = $1", Tuple.of(blocked));
        fx.sql("update fulfillment set ready_at = now() - interval '6 days' where id = $1", Tuple.of(other[1]));
        try {
            // Throws if one order's failure fails the sweep.
            expiry.expireDue().await().atMost(Duration.ofSeconds(10));
            eventually(Duration.ofSeconds(10), () -> assertEquals("EXPIRED", wf.status(other[1])));
            assertEquals("READY_FOR_PICKUP", wf.status(blocked));
        } finally {
            fx.sql("update stock set reserved = 1 where location_id = $1 and sku = $2", Tuple.of(store, blockedSku));
        }
        eventually(
                Duration.ofSeconds(10),
                () -> assertEquals("EXPIRED", wf.status(blocked), "once it can expire, the next sweep takes it"));
        fx.assertConsistent(List.of(sku, blockedSku));
    }

    @Test
    void twoParallelVerificationsOfOneCodeHandOverOnce() throws Exception {
        String[] parcel = packed();
        ready(parcel[1], "S");
        String code = wf.pickupCode(parcel[1]);
        String token = TestApi.mint(Roles.PICKUP_POINT, locker);
        List<Integer> statuses =
                Parallel.run(4, () -> verify(TestApi.as(token), locker, code).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(9, fx.onHand(store, sku));
        assertEquals(0, fx.reserved(store, sku));
    }

    @Test
    void parcelsNotCollectedInTimeExpireOnTheTimerAndTheirStockGoesBack() throws Exception {
        String[] parcel = packed();
        ready(parcel[1], "S");
        String code = wf.pickupCode(parcel[1]);
        assertEquals(1, fx.reserved(store, sku));
        fx.sql("update fulfillment set ready_at = now() - interval '6 days' where id = $1", Tuple.of(parcel[1]));

        eventually(
                Duration.ofSeconds(15),
                () -> assertEquals("EXPIRED", wf.status(parcel[1]), "the expiry timer should have run"));
        assertEquals("EXPIRED", wf.orderStatus(parcel[0]));
        assertEquals(0, fx.reserved(store, sku));
        assertEquals(10, fx.onHand(store, sku));
        List<String> outbox = wf.outbox(parcel[0]);
        assertTrue(outbox.contains("fulfillment.status@" + store + ":EXPIRED"), outbox.toString());
        assertTrue(outbox.contains("pickup.expired@" + locker + ":EXPIRED"), outbox.toString());
        assertTrue(outbox.contains("order.status@null:EXPIRED"), outbox.toString());
        assertEquals(
                0,
                fx.count(
                        "select count(*) from compartment_assignment where fulfillment_id = $1 and freed_at is null",
                        Tuple.of(parcel[1])));
        verify(pickupPoint(locker), locker, code).then().statusCode(422);
        assertEquals(0, expiry.expireDue().await().atMost(Duration.ofSeconds(10)));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void cancellingAnOrderWhoseParcelWaitsFreesTheCompartmentAndTellsTheLocker() {
        JsonPath order = place(Map.of("method", "LOCKER", "locationId", locker, "lines", List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fid = order.getString("fulfillments[0].id");
        walk(() -> device(store), fid, "ACCEPTED", "PICKING", "PACKED");
        ready(fid, "L");
        assertTrue(readyEvent(fid, "fulfillment.status").getString("full").equals("true"), "no L compartment");

        String[] other = packed();
        ready(other[1], "M");
        TestApi.as(order.getString("accessToken"))
                .post("/v1/orders/{id}/cancel", order.getString("id"))
                .then()
                .statusCode(200)
                .body("status", is("CANCELLED"));
        assertEquals(1, fx.reserved(store, sku));
        assertTrue(wf.outbox(order.getString("id")).contains("pickup.cancelled@" + store + ":CANCELLED"));
        device(store)
                .body(Map.of("to", "CANCELLED"))
                .post("/v1/fulfillments/{id}/transitions", other[1])
                .then()
                .statusCode(200);
        assertTrue(wf.outbox(other[0]).contains("pickup.cancelled@" + locker + ":CANCELLED"));
        assertEquals(
                0,
                fx.count(
                        "select count(*) from compartment_assignment where locker_id = $1 and freed_at is null",
                        Tuple.of(locker)));
        assertEquals(0, fx.reserved(store, sku));
        fx.assertConsistent(List.of(sku));
    }
}
