package io.omnigate.orders;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnigate.OrderFixtures;
import io.omnigate.inventory.AtpReplica;
import io.omnigate.inventory.ReplicaOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placement plans from the ATP replica when it covers the read, and the guarded SQL update still
 * decides. The replica is made to disagree with SQL on purpose: the stock row is changed with
 * triggers off (no change notice), as if the notice were still on its way.
 */
@QuarkusTest
@TestProfile(ReplicaOn.class)
class PlacementFromReplicaTest {

    @Inject
    Pool pool;

    @Inject
    AtpReplica replica;

    @Inject
    MeterRegistry registry;

    OrderFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(pool);
        eventually(Duration.ofSeconds(30), () -> assertTrue(replica.ready(), "replica loaded"));
    }

    @Test
    void aReplicaThatTrailsASaleSendsTheOrderToSqlAndTheNextLocation() {
        String near = fx.location("DC", 0.01, null, "SHIP_FROM");
        String far = fx.location("DC", 0.5, null, "SHIP_FROM");
        String sku = fx.sku();
        fx.stock(near, sku, 5);
        fx.stock(far, sku, 5);
        awaitReplica(near, sku, 5);
        awaitReplica(far, sku, 5);
        withoutNotice("update stock set on_hand = 0 where location_id = $1 and sku = $2", near, sku);
        assertEquals(5, replicaAtp(near, sku), "the replica still believes the near DC has it");

        double memoryReads = memoryReads();
        place(fx.ship(List.of(line(sku, 1)))).then().statusCode(201).body("fulfillments[0].locationId", is(far));
        assertTrue(memoryReads() > memoryReads, "the first plan came from the replica");
        assertEquals(0, fx.reserved(near, sku));
        assertEquals(1, fx.reserved(far, sku));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void aReplicaThatTrailsARestockDoesNotRefuseTheOrder() {
        String dc = fx.location("DC", 0.02, null, "SHIP_FROM");
        String store = fx.store(0.03, "PICKUP");
        String shipped = fx.sku();
        String picked = fx.sku();
        fx.stock(dc, shipped, 0);
        fx.stock(store, picked, 0);
        awaitReplica(dc, shipped, 0);
        awaitReplica(store, picked, 0);
        withoutNotice("update stock set on_hand = 3 where location_id = $1 and sku = $2", dc, shipped);
        withoutNotice("update stock set on_hand = 3 where location_id = $1 and sku = $2", store, picked);

        place(fx.ship(List.of(line(shipped, 2)))).then().statusCode(201).body("fulfillments[0].locationId", is(dc));
        place(pickup(store, List.of(line(picked, 2))))
                .then()
                .statusCode(201)
                .body("fulfillments[0].locationId", is(store));
        assertEquals(2, fx.reserved(dc, shipped));
        assertEquals(2, fx.reserved(store, picked));
        fx.assertConsistent(List.of(shipped, picked));
    }

    @Test
    void aSoldOutRowIsRefusedWhateverTheReplicaSays() {
        String store = fx.store(0.04, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 1);
        awaitReplica(store, sku, 1);
        withoutNotice("update stock set on_hand = 0 where location_id = $1 and sku = $2", store, sku);

        place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.containsString("insufficient-stock"));
        assertEquals(0, fx.reserved(store, sku));
        fx.assertConsistent(List.of(sku));
    }

    private void withoutNotice(String sql, String location, String sku) {
        pool.withTransaction(conn -> conn.query("set local session_replication_role = replica")
                        .execute()
                        .chain(() -> conn.preparedQuery(sql).execute(Tuple.of(location, sku))))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private void awaitReplica(String location, String sku, int atp) {
        eventually(Duration.ofSeconds(15), () -> assertEquals(atp, replicaAtp(location, sku)));
    }

    private int replicaAtp(String location, String sku) {
        Map<String, Integer> found = new HashMap<>();
        boolean covered = replica.read(
                List.of(location),
                List.of(sku),
                Instant.now(),
                Instant.now().plusSeconds(1),
                (l, s, qty) -> found.put(s, qty));
        assertTrue(covered, "the replica covers " + location + "/" + sku);
        Integer atp = found.get(sku);
        assertTrue(atp != null, "the replica has a row for " + location + "/" + sku);
        return atp;
    }

    private double memoryReads() {
        return registry.find("omnigate.atp.replica.reads")
                .tag("source", "memory")
                .counter()
                .count();
    }
}
