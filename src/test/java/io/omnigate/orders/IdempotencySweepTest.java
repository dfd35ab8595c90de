package io.omnigate.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the idempotency sweep is bounded per pass. Records are aged against a one-hour
 * retention, so the running instance's own sweep (24 h retention) never touches them.
 */
@QuarkusTest
class IdempotencySweepTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final int BATCH = 5;
    private static final int EXPIRED = 12;
    private static final int YOUNG = 4;

    @Inject
    Pool pool;

    @Inject
    IdempotencyRecords records;

    @Test
    void onePassDeletesOneBatchOfExpiredRecordsAndRepeatedPassesTakeTheRestButNoYoungOne() {
        OrderFixtures fx = new OrderFixtures(pool);
        String caller = TestApi.unique("sweep-caller");
        storeRecords(caller, "old", EXPIRED);
        storeRecords(caller, "young", YOUNG);
        age(fx, caller, "old", 120);
        // still inside the retention, close to its edge
        age(fx, caller, "young", 50);

        int first = records.sweep(RETENTION, BATCH).await().atMost(WAIT);

        assertEquals(BATCH, first, "one pass deletes exactly one batch when more are due");
        long oldLeft = count(fx, caller, "old");
        assertTrue(
                oldLeft >= EXPIRED - BATCH && oldLeft < EXPIRED,
                "one pass took between 1 and " + BATCH + " of this caller's expired records, left " + oldLeft);
        assertEquals(YOUNG, count(fx, caller, "young"));

        int passes = 1;
        while (records.sweep(RETENTION, BATCH).await().atMost(WAIT) > 0) {
            passes++;
            assertTrue(passes <= 100, "the sweep ends once nothing is due");
        }
        assertTrue(passes >= (EXPIRED + BATCH - 1) / BATCH, "a batch never exceeds " + BATCH);
        assertEquals(0, count(fx, caller, "old"), "repeated passes empty the expired records");
        assertEquals(YOUNG, count(fx, caller, "young"), "records inside the retention stay");
    }

    @Test
    void aPassWithNothingDueDeletesNothing() {
        OrderFixtures fx = new OrderFixtures(pool);
        String caller = TestApi.unique("sweep-caller");
        storeRecords(caller, "young", 3);

        assertEquals(0, records.sweep(RETENTION, BATCH).await().atMost(WAIT));
        assertEquals(3, count(fx, caller, "young"));
    }

    private void storeRecords(String caller, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            IdempotencyRecords.Scope scope = new IdempotencyRecords.Scope(
                    caller, IdempotencyRecords.Operation.PLACE_ORDER, prefix + "-" + i, "hash-" + i);
            assertTrue(records.store(scope, 409, "[\"SKU\"]").await().atMost(WAIT));
        }
    }

    private static void age(OrderFixtures fx, String caller, String prefix, int minutes) {
        fx.sql(
                "update idempotency_key set created_at = now() - make_interval(mins => $3) where caller = $1 and key like $2",
                Tuple.of(caller, prefix + "-%", minutes));
    }

    private static long count(OrderFixtures fx, String caller, String prefix) {
        return fx.count(
                "select count(*) from idempotency_key where caller = $1 and key like $2",
                Tuple.of(caller, prefix + "-%"));
    }
}
