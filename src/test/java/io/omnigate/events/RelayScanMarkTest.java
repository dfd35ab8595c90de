package io.omnigate.events;

import static io.omnigate.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The relay pass looks for unnumbered events from a mark a second or two old (V23): an event whose
 * transaction stays open past the mark is still numbered, by the next pass that rotates the mark.
 */
@QuarkusTest
class RelayScanMarkTest {

    @Inject
    Pool pool;

    @Test
    void anEventCommittedAfterTheMarkPassedItIsStillNumbered() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            Transaction open = conn.begin().await().indefinitely();
            long straggler = conn.preparedQuery("insert into event_outbox (type, location_id, status)"
                            + " values ('fulfillment.status', $1, 'ACCEPTED') returning id")
                    .execute(Tuple.of(store))
                    .await()
                    .indefinitely()
                    .iterator()
                    .next()
                    .getLong("id");

            // Others' events go on being numbered while it stays open, until the mark is past it.
            eventually(Duration.ofSeconds(20), () -> {
                fx.sql(
                        "insert into event_outbox (type, location_id, status) values ('fulfillment.status', $1, 'PICKING')",
                        Tuple.of(store));
                long scanFrom = fx.count("select scan_from from event_sequence", Tuple.tuple());
                assertTrue(scanFrom > straggler, "scan_from " + scanFrom + " passed " + straggler);
            });
            assertEquals(0, fx.count("select count(*) from event_outbox where id = $1", Tuple.of(straggler)));

            open.commit().await().indefinitely();
            eventually(Duration.ofSeconds(10), () -> assertNotNull(seqOf(fx, straggler), "numbered after its commit"));
        } finally {
            conn.close().await().indefinitely();
        }
    }

    private static Long seqOf(OrderFixtures fx, long id) {
        return fx.sql("select seq from event_outbox where id = $1", Tuple.of(id))
                .iterator()
                .next()
                .getLong("seq");
    }
}
