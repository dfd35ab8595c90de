package io.omnigate.availability;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.asAdmin;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.inventory.AtpReplica;
import io.omnigate.inventory.ReplicaOn;
import io.omnigate.inventory.ReplicaReconciler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of orders, cancels, holds (made, released, expired), adjustments, snapshots,
 * safety stock, inbound receipts and workflow steps through the real HTTP API; after each, once
 * the notices have arrived, the replica's answer equals the SQL read for every touched (location,
 * SKU): ATP, sync time, inbound and load. jqwik generates the steps from a seed printed with any
 * failure ({@code -Dreplica.seed=} replays it).
 */
@QuarkusTest
@TestProfile(ReplicaOn.class)
class ReplicaCoherencePropertyTest {

    private static final int SEQUENCES = 4;
    private static final int STEPS = 25;
    private static final Duration LAG_BOUND = Duration.ofSeconds(15);

    enum Kind {
        PLACE,
        CANCEL,
        HOLD,
        RELEASE,
        EXPIRE,
        ADJUST,
        SNAPSHOT,
        SAFETY,
        INBOUND,
        WORKFLOW,
        REJECT
    }

    record Step(Kind kind, int location, int sku, int qty, int pick) {}

    @Inject
    Pool pool;

    @Inject
    AtpReplica replica;

    @Inject
    AvailabilityRepository repository;

    @Inject
    ReplicaReconciler reconciler;

    static Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, 1000))
                .as(Step::new);
        return step.list().ofSize(STEPS);
    }

    @Test
    void afterAnySequenceTheReplicaAnswersLikeSql() {
        long seed = Long.getLong("replica.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int run = 0; run < SEQUENCES; run++) {
            List<Step> steps = generate(random);
            try {
                runSequence(steps);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "seed " + seed + " (-Dreplica.seed=" + seed + "), run " + run + ": " + e.getMessage()
                                + "\nsteps " + steps,
                        e);
            }
        }
    }

    /** jqwik generates outside its own engine (which cannot start the application) within a session. */
    private static List<Step> generate(Random random) {
        JqwikSession.start();
        try {
            return sequences().generator(1000).next(random).value();
        } finally {
            JqwikSession.finish();
        }
    }

    @Test
    void theReconciliationRepairsDriftItFindsAndCountsIt() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 9);
        assertCoherent(List.of(store), List.of(sku));
        // A change the notices never saw: triggers off for this one transaction.
        pool.withTransaction(conn -> conn.query("set local session_replication_role = replica")
                        .execute()
                        .chain(() -> conn.preparedQuery(
                                        "update stock set on_hand = 4 where location_id = $1 and sku = $2")
                                .execute(Tuple.of(store, sku))))
                .await()
                .atMost(Duration.ofSeconds(10));
        StockView stale = fromReplica(List.of(store), List.of(sku), Instant.now());
        assertEquals(9, stale.atp(store, sku), "the replica missed the change");

        double before = metric("omnigate_atp_replica_repairs_total");
        int repaired = reconciler.reconcile(List.of(store)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, repaired);
        assertEquals(4, fromReplica(List.of(store), List.of(sku), Instant.now()).atp(store, sku));
        assertEquals(before + 1, metric("omnigate_atp_replica_repairs_total"), 0.001);
        assertEquals(0, reconciler.reconcile(List.of(store)).await().atMost(Duration.ofSeconds(10)));
    }

    /**
     * Orders placed in parallel at one store count into several load shards of the same hour at
     * once (one per database session, V8). Each order's notice must still leave the replica with
     * the hour's true total, so nothing is left for the reconciliation to repair.
     */
    @Test
    void parallelOrdersLeaveNoDriftForTheReconciliation() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            skus.add(fx.sku());
            fx.stock(store, skus.get(i), 20);
        }
        OrderFixtures.checkout();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> placed = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                // different SKUs, so no stock row lock puts the transactions one after the other
                String sku = skus.get(i % skus.size());
                placed.add(threads.submit(() ->
                        place(pickup(store, List.of(line(sku, 1)))).statusCode()));
            }
            for (Future<Integer> status : placed) {
                assertEquals(201, status.get(2, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }
        assertCoherent(List.of(store), skus);
        assertEquals(0, reconciler.reconcile(List.of(store)).await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    void metricsExposeLagAndReadiness() {
        eventually(LAG_BOUND, () -> assertEquals(1.0, metric("omnigate_atp_replica_ready"), 0.0));
        String body = TestApi.admin().get("/q/metrics").asString();
        assertTrue(body.contains("omnigate_atp_replica_lag_seconds"), "lag gauge exposed");
        assertTrue(body.contains("omnigate_atp_replica_locations_loaded"), "loaded gauge exposed");
    }

    private void runSequence(List<Step> steps) {
        OrderFixtures fx = new OrderFixtures(pool);
        List<String> stores = List.of(fx.store(0, "PICKUP"), fx.store(0.01, "PICKUP"));
        List<String> skus = List.of(fx.sku(), fx.sku(), fx.sku());
        for (String store : stores) {
            for (String sku : skus.subList(0, 2)) {
                fx.stock(store, sku, 8);
            }
        }
        List<String> orders = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        String feed = TestApi.mint("inventory-feed", null);
        for (Step step : steps) {
            String store = stores.get(step.location());
            String sku = skus.get(step.sku());
            String where = step.toString();
            switch (step.kind()) {
                case PLACE -> {
                    Response r = place(pickup(store, List.of(line(sku, step.qty()))));
                    assertTrue(Set.of(201, 409).contains(r.statusCode()), where + " -> " + r.asString());
                    if (r.statusCode() == 201) {
                        orders.add(r.path("id"));
                    }
                }
                case CANCEL -> {
                    if (!orders.isEmpty()) {
                        Response r = asAdmin().post("/v1/orders/{id}/cancel", pick(orders, step));
                        assertTrue(Set.of(200, 409).contains(r.statusCode()), where + " -> " + r.asString());
                    }
                }
                case HOLD -> {
                    Response r = TestApi.as(OrderFixtures.checkout())
                            .body(pickup(store, List.of(line(sku, step.qty()))))
                            .post("/v1/holds");
                    assertTrue(Set.of(201, 409).contains(r.statusCode()), where + " -> " + r.asString());
                    if (r.statusCode() == 201) {
                        holds.add(r.path("id"));
                    }
                }
                case RELEASE -> {
                    if (!holds.isEmpty()) {
                        Response r = TestApi.as(OrderFixtures.checkout()).delete("/v1/holds/{id}", pick(holds, step));
                        assertTrue(r.statusCode() < 500, where + " -> " + r.asString());
                    }
                }
                case EXPIRE -> {
                    if (!holds.isEmpty()) {
                        fx.sql(
                                "update hold set expires_at = now() - interval '1 second' where id = $1",
                                Tuple.of(pick(holds, step)));
                    }
                }
                case ADJUST ->
                    TestApi.as(feed)
                            .body(List.of(Map.of(
                                    "eventId",
                                    TestApi.unique("adj"),
                                    "locationId",
                                    store,
                                    "sku",
                                    sku,
                                    "delta",
                                    step.pick() % 2 == 0 ? step.qty() : -step.qty(),
                                    "reason",
                                    "SALE",
                                    "occurredAt",
                                    Instant.now().toString())))
                            .post("/v1/inventory/adjustments")
                            .then()
                            .statusCode(200);
                case SNAPSHOT ->
                    TestApi.as(feed)
                            .body(Map.of(
                                    "asOf",
                                    Instant.now().toString(),
                                    "items",
                                    List.of(Map.of("sku", sku, "onHand", step.qty() * 2))))
                            .put("/v1/locations/{id}/inventory", store)
                            .then()
                            .statusCode(200);
                case SAFETY ->
                    TestApi.admin()
                            .body(List.of(Map.of("locationId", store, "sku", sku, "safetyStock", step.qty() - 1)))
                            .put("/v1/inventory/safety-stock")
                            .then()
                            .statusCode(200);
                case INBOUND ->
                    TestApi.as(feed)
                            .body(Map.of(
                                    "locationId",
                                    store,
                                    "sku",
                                    sku,
                                    "qty",
                                    step.qty(),
                                    "eta",
                                    Instant.now()
                                            .plus(1 + step.pick() % 48, ChronoUnit.HOURS)
                                            .toString()))
                            .post("/v1/inventory/inbound")
                            .then()
                            .statusCode(org.hamcrest.Matchers.lessThan(300));
                case WORKFLOW -> advance(fx, orders, step);
                case REJECT -> reject(fx, orders, step);
                default -> throw new IllegalStateException();
            }
        }
        assertCoherent(stores, skus);
    }

    private static String pick(List<String> ids, Step step) {
        return ids.get(step.pick() % ids.size());
    }

    /** Moves one live fulfillment of the picked order one step along the store workflow. */
    private void advance(OrderFixtures fx, List<String> orders, Step step) {
        if (orders.isEmpty()) {
            return;
        }
        List<String> next = List.of("ASSIGNED", "ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP");
        for (Row row : fx.sql(
                "select id, status from fulfillment where order_id = $1 order by id", Tuple.of(pick(orders, step)))) {
            int at = next.indexOf(row.getString("status"));
            if (at >= 0 && at < next.size() - 1) {
                Response r = asAdmin()
                        .body(Map.of("to", next.get(at + 1)))
                        .post("/v1/fulfillments/{id}/transitions", row.getString("id"));
                assertTrue(r.statusCode() < 500, step + " -> " + r.asString());
                return;
            }
        }
    }

    private void reject(OrderFixtures fx, List<String> orders, Step step) {
        if (orders.isEmpty()) {
            return;
        }
        for (Row row : fx.sql(
                "select id from fulfillment where order_id = $1 and status in ('ASSIGNED', 'ACCEPTED') order by id",
                Tuple.of(pick(orders, step)))) {
            Response r = asAdmin()
                    .body(Map.of("to", "REJECTED"))
                    .post("/v1/fulfillments/{id}/transitions", row.getString("id"));
            assertTrue(r.statusCode() < 500, step + " -> " + r.asString());
            return;
        }
    }

    /** Within the lag bound, the replica covers these locations and answers exactly as SQL. */
    private void assertCoherent(List<String> locations, List<String> skus) {
        eventually(LAG_BOUND, () -> {
            Instant now = Instant.now();
            StockView memory = fromReplica(locations, skus, now);
            StockView sql = repository
                    .readSql(locations, skus, now, now.plus(Duration.ofDays(7)))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            assertEquals(sql.facts(), memory.facts(), "replica == SQL");
        });
    }

    private StockView fromReplica(List<String> locations, List<String> skus, Instant now) {
        StockView view = StockView.of(skus);
        assertTrue(
                replica.read(locations, skus, now, now.plus(Duration.ofDays(7)), view),
                "the replica covers " + locations);
        return view;
    }

    private static double metric(String name) {
        String body = TestApi.admin().get("/q/metrics").asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return io.omnigate.MetricLines.value(line);
            }
        }
        throw new AssertionError(name + " not in /q/metrics");
    }
}
