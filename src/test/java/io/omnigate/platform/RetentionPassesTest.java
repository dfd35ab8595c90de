package io.omnigate.platform;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, limits: the retention passes delete finished rows past their age in bounded batches,
 * never a live or young row, and count what they removed.
 */
@QuarkusTest
class RetentionPassesTest {

    @Inject
    Pool pool;

    @Inject
    RetentionPasses retention;

    @Inject
    MeterRegistry registry;

    @Test
    void oldFinishedRowsGoInBoundedBatchesAndYoungOrLiveRowsStay() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 10);
        String oldHold = TestApi.unique("H-OLD");
        String youngHold = TestApi.unique("H-YOUNG");
        hold(fx, oldHold, "EXPIRED", "8 days");
        hold(fx, youngHold, "RELEASED", "1 day");
        long oldHoldReservation = reservation(fx, oldHold, store, sku, "EXPIRED", "8 days");
        long oldReleased = reservation(fx, youngHold, store, sku, "RELEASED", "31 days");
        long youngReleased = reservation(fx, youngHold, store, sku, "RELEASED", "1 day");
        for (int i = 0; i < 5; i++) {
            adjustment(fx, store, sku, "31 days");
        }
        String youngAdjustment = adjustment(fx, store, sku, "1 day");
        String oldOrder = placed(store, sku, fx);
        String youngOrder = placed(store, sku, fx);
        fx.sql("update order_history set at = now() - interval '400 days' where order_id = $1", Tuple.of(oldOrder));
        double removedBefore = removedCounter("adjustments");

        Map<RetentionPasses.Table, Integer> bounded = run(2, 2);
        assertEquals(4, bounded.get(RetentionPasses.Table.ADJUSTMENTS), "two batches of two, no more");
        assertEquals(1, countOldAdjustments(fx, store), "the fifth waits for the next pass");

        run(100_000, 10);
        assertEquals(0, countOldAdjustments(fx, store));
        assertEquals(
                1,
                fx.count("select count(*) from inventory_adjustment where event_id = $1", Tuple.of(youngAdjustment)));
        assertEquals(0, fx.count("select count(*) from hold where id = $1", Tuple.of(oldHold)));
        assertEquals(1, fx.count("select count(*) from hold where id = $1", Tuple.of(youngHold)));
        assertEquals(0, reservationsAmong(fx, List.of(oldHoldReservation, oldReleased)));
        assertEquals(1, reservationsAmong(fx, List.of(youngReleased)));
        assertEquals(0, fx.count("select count(*) from order_history where order_id = $1", Tuple.of(oldOrder)));
        assertTrue(fx.count("select count(*) from order_history where order_id = $1", Tuple.of(youngOrder)) > 0);
        // The placed orders' live reservations are untouched: stock still adds up.
        fx.assertConsistent(List.of(sku));
        assertTrue(removedCounter("adjustments") - removedBefore >= 5, "omnigate.retention.removed counts them");
    }

    private Map<RetentionPasses.Table, Integer> run(int batchSize, int maxBatches) {
        return retention.pass(batchSize, maxBatches).await().atMost(Duration.ofSeconds(30));
    }

    private double removedCounter(String table) {
        return registry.get("omnigate.retention.removed")
                .tag("table", table)
                .counter()
                .count();
    }

    private static void hold(OrderFixtures fx, String id, String status, String expiredAgo) {
        fx.sql(
                "insert into hold (id, status, expires_at, created_at) values ($1, $2, now() - $3::text::interval,"
                        + " now() - $3::text::interval - interval '15 minutes')",
                Tuple.of(id, status, expiredAgo));
    }

    private static long reservation(
            OrderFixtures fx, String holdId, String location, String sku, String status, String releasedAgo) {
        return fx.sql(
                        "insert into reservation (hold_id, location_id, sku, kind, qty, status, released_at)"
                                + " values ($1, $2, $3, 'STOCK', 1, $4, now() - $5::text::interval) returning id",
                        Tuple.of(holdId, location, sku, status, releasedAgo))
                .iterator()
                .next()
                .getLong("id");
    }

    private static String adjustment(OrderFixtures fx, String location, String sku, String appliedAgo) {
        String id = TestApi.unique("ADJ-RET");
        fx.sql(
                "insert into inventory_adjustment (event_id, location_id, sku, delta, reason, occurred_at, applied_at)"
                        + " values ($1, $2, $3, 0, 'RECOUNT', now() - $4::text::interval, now() - $4::text::interval)",
                Tuple.of(id, location, sku, appliedAgo));
        return id;
    }

    private static long countOldAdjustments(OrderFixtures fx, String location) {
        return fx.count(
                "select count(*) from inventory_adjustment where location_id = $1 and applied_at < now() - interval '30 days'",
                Tuple.of(location));
    }

    private static long reservationsAmong(OrderFixtures fx, List<Long> ids) {
        return fx.count("select count(*) from reservation where id = any($1)", Tuple.of(ids.toArray(Long[]::new)));
    }

    private static String placed(String store, String sku, OrderFixtures fx) {
        return place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
