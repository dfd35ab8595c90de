package io.omnigate.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A transaction sent as one flight commits all of its statements or none, and names the statement that failed. */
@QuarkusTest
class OneFlightTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    private String batch;

    @BeforeEach
    void setUp() {
        pool.query("create table if not exists one_flight_probe (batch text not null, n int not null unique)")
                .execute()
                .await()
                .atMost(WAIT);
        batch = UUID.randomUUID().toString();
    }

    @Test
    void everyStatementSucceedsAndAllAreCommitted() {
        int base = base();
        OneFlight.run(pool, conn -> List.of(insert(conn, base), insert(conn, base + 1), insert(conn, base + 2)))
                .await()
                .atMost(WAIT);
        assertEquals(3, rows());
    }

    @Test
    void aFailingStatementRollsBackTheOthersAndIsTheErrorReported() {
        int base = base();
        Throwable failure = failureOf(OneFlight.run(
                pool, conn -> List.of(insert(conn, base), insert(conn, base), insert(conn, base + 1))));
        PgException pg = assertInstanceOf(PgException.class, failure);
        assertEquals("23505", pg.getSqlState(), "the unique violation, not the aborted statements after it");
        assertEquals(0, rows());
    }

    @Test
    void aRequirementThatFailsAbortsTheFlightWithItsCodeAndDetail() {
        int base = base();
        Throwable failure = failureOf(OneFlight.run(
                pool,
                conn -> List.of(
                        insert(conn, base),
                        conn.query("select omnigate_require(false, 'OGS01', 'insufficient stock', '[\"SKU-1\"]')")
                                .execute(),
                        insert(conn, base + 1))));
        PgException pg = assertInstanceOf(PgException.class, failure);
        assertEquals("OGS01", pg.getSqlState());
        assertEquals("[\"SKU-1\"]", pg.getDetail());
        assertEquals(0, rows());
        // the connection went back to the pool outside any transaction: the next flight commits
        OneFlight.run(pool, conn -> List.of(insert(conn, base + 2))).await().atMost(WAIT);
        assertEquals(1, rows());
    }

    private Uni<?> insert(io.vertx.mutiny.sqlclient.SqlConnection conn, int n) {
        return conn.preparedQuery("insert into one_flight_probe (batch, n) values ($1, $2)")
                .execute(Tuple.of(batch, n));
    }

    private static Throwable failureOf(Uni<Void> flight) {
        return flight.onItem()
                .<Throwable>transform(ok -> new AssertionError("the flight should have failed"))
                .onFailure()
                .recoverWithItem(failure -> failure)
                .await()
                .atMost(WAIT);
    }

    private int base() {
        return (int) (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L);
    }

    private long rows() {
        return pool.preparedQuery("select count(*) from one_flight_probe where batch = $1")
                .execute(Tuple.of(batch))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }
}
