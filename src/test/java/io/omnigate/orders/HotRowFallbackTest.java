package io.omnigate.orders;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch on one hot row that cannot commit as a whole (a key already taken, a sum the row cannot
 * cover) falls back to one flight per placement, and each caller gets the answer it would have
 * got alone. The test holds the row's lock so the first placement waits in PostgreSQL and the
 * others queue in memory behind it, then lets go.
 */
@QuarkusTest
class HotRowFallbackTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    PlacementFlights flights;

    OrderFixtures fx;
    String dc;
    String sku;
    Map<String, Object> body;
    ExecutorService threads;

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(pool);
        dc = fx.location("DC", 0, null, "SHIP_FROM");
        sku = fx.sku();
        body = fx.ship(List.of(line(sku, 1)));
        OrderFixtures.checkout();
        threads = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Places {@code first} while the row is locked, queues {@code behind} after it, then unlocks. */
    private List<Response> behindALockedRow(String first, List<String> behind) throws Exception {
        SqlConnection lock = pool.getConnection().await().atMost(WITHIN);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            lock.query("begin").execute().await().atMost(WITHIN);
            lock.preparedQuery("select 1 from stock where location_id = $1 and sku = $2 for update")
                    .execute(Tuple.of(dc, sku))
                    .await()
                    .atMost(WITHIN);
            answers.add(threads.submit(() -> place(first, body)));
            eventually(
                    WITHIN,
                    () -> assertTrue(
                            fx.count(
                                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                                    + " and query like '%update stock s set reserved%'",
                                            Tuple.tuple())
                                    >= 1,
                            "the first placement waits for the row in PostgreSQL"));
            int waitingBefore = flights.waiting();
            behind.forEach(key -> answers.add(threads.submit(() -> place(key, body))));
            eventually(WITHIN, () -> assertEquals(waitingBefore + behind.size(), flights.waiting()));
        } finally {
            lock.query("rollback").execute().await().atMost(WITHIN);
            lock.close().await().atMost(WITHIN);
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    @Test
    void aBatchWithATakenKeyFallsBackAndTheKeyIsReplayedWhileTheOthersArePlaced() throws Exception {
        fx.stock(dc, sku, 20);
        String taken = unique("taken");
        Response earlier = place(taken, body);
        assertEquals(201, earlier.statusCode(), earlier.asString());
        String twice = unique("twice");

        List<Response> answers =
                behindALockedRow(unique("first"), List.of(taken, unique("b"), unique("c"), twice, twice));

        answers.forEach(answer -> assertEquals(201, answer.statusCode(), answer.asString()));
        assertEquals(earlier.path("id"), answers.get(1).<String>path("id"), "the taken key answers its order");
        assertEquals(answers.get(4).<String>path("id"), answers.get(5).path("id"), "one key, one order");
        assertEquals(
                5,
                answers.stream().map(a -> a.<String>path("id")).distinct().count(),
                "first, the taken key's order, b, c and one for the key sent twice");
        assertEquals(5, fx.reserved(dc, sku));
        assertEquals(5, fx.count("select count(*) from fulfillment where location_id = $1", Tuple.of(dc)));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void aBatchOnARowThatCannotServeAnyOfItIsRefusedWholeAndEachCallerGets409() throws Exception {
        fx.stock(dc, sku, 1);
        List<String> behind = List.of(unique("b"), unique("c"), unique("d"));

        List<Response> answers = behindALockedRow(unique("first"), behind);

        assertEquals(201, answers.get(0).statusCode(), answers.get(0).asString());
        for (int i = 1; i < answers.size(); i++) {
            assertEquals(409, answers.get(i).statusCode(), answers.get(i).asString());
            assertEquals(
                    "https://omnigate.io/problems/insufficient-stock",
                    answers.get(i).path("type"));
            assertEquals(409, place(behind.get(i - 1), body).statusCode(), "a refused key stays refused");
        }
        assertEquals(1, fx.reserved(dc, sku));
        assertEquals(1, fx.count("select count(*) from fulfillment where location_id = $1", Tuple.of(dc)));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void aBatchShortForItsSumFallsBackSoTheLastUnitsAreSoldAndTheOthersRefused() throws Exception {
        fx.stock(dc, sku, 3);
        List<String> behind = List.of(unique("b"), unique("c"), unique("d"), unique("e"), unique("f"));

        List<Response> answers = behindALockedRow(unique("first"), behind);

        assertEquals(201, answers.get(0).statusCode(), answers.get(0).asString());
        long sold = answers.stream().filter(a -> a.statusCode() == 201).count();
        long refused = answers.stream().filter(a -> a.statusCode() == 409).count();
        assertEquals(3, sold, "the two units left after the first go to two of the five");
        assertEquals(3, refused);
        assertEquals(3, fx.reserved(dc, sku));
        fx.assertConsistent(List.of(sku));
        for (int i = 1; i < answers.size(); i++) {
            Response again = place(behind.get(i - 1), body);
            assertEquals(answers.get(i).statusCode(), again.statusCode(), "a key keeps its answer");
        }
    }
}
