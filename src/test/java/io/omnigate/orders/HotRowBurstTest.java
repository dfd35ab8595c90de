package io.omnigate.orders;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.Parallel;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Real parallel HTTP requests on one hot stock row: four buyers per unit, exactly the units sold,
 * every order whole and replayable, and placements sharing transactions (batched, {@link HotRowBatches}).
 */
@QuarkusTest
class HotRowBurstTest {

    private static final int UNITS = 100;
    private static final int BUYERS = 4 * UNITS;

    @Inject
    Pool pool;

    /** Whether placements on one row are expected to share transactions under this profile. */
    boolean batched() {
        return true;
    }

    private List<Response> inParallel(List<Callable<Response>> requests) throws Exception {
        return Parallel.all(64, requests, Duration.ofSeconds(300));
    }

    @Test
    void fourBuyersPerUnitOnOneRowBuyExactlyTheUnitsAndEveryOrderIsWholeAndReplayable() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String dc = fx.location("DC", 0, null, "SHIP_FROM");
        String sku = fx.sku();
        fx.stock(dc, sku, UNITS);
        OrderFixtures.checkout();
        Map<String, Object> body = fx.ship(List.of(line(sku, 1)));
        List<String> keys = new ArrayList<>();
        List<Callable<Response>> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            String key = unique("hot");
            keys.add(key);
            buyers.add(() -> place(key, body));
        }

        long started = System.nanoTime();
        List<Response> answers = inParallel(buyers);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<String> orderIds = new ArrayList<>();
        List<String> soldKeys = new ArrayList<>();
        List<String> refusedKeys = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            Response answer = answers.get(i);
            if (answer.statusCode() == 201) {
                orderIds.add(answer.path("id"));
                soldKeys.add(keys.get(i));
            } else {
                assertEquals(409, answer.statusCode(), answer.asString());
                assertEquals("https://omnigate.io/problems/insufficient-stock", answer.path("type"));
                refusedKeys.add(keys.get(i));
            }
        }
        System.out.printf(
                "hot row (%s): %d buyers, %d units, %.2f s, %.0f sold/s%n",
                batched() ? "batched" : "unbatched", BUYERS, UNITS, seconds, orderIds.size() / seconds);
        assertEquals(UNITS, orderIds.size());
        assertEquals(UNITS, new HashSet<>(orderIds).size());
        assertEquals(BUYERS - UNITS, refusedKeys.size());
        assertEquals(UNITS, fx.reserved(dc, sku));
        assertEquals(UNITS, fx.onHand(dc, sku));
        fx.assertConsistent(List.of(sku));

        Tuple ids = Tuple.of((Object) orderIds.toArray(String[]::new));
        assertEquals(UNITS, fx.count("select count(*) from orders where id = any($1)", ids));
        assertEquals(
                UNITS,
                fx.count(
                        "select count(*) from reservation where order_id = any($1) and status = 'ACTIVE'"
                                + " and kind = 'STOCK' and qty = 1",
                        ids));
        assertEquals(
                UNITS,
                fx.count(
                        "select count(*) from orders o join fulfillment f on f.order_id = o.id"
                                + " join fulfillment_line l on l.fulfillment_id = f.id"
                                + " where o.id = any($1) and o.status = 'PLACED' and f.status = 'ASSIGNED'"
                                + " and f.location_id = $2 and f.method = o.method and f.created_at = o.created_at"
                                + " and l.sku = $3 and l.qty = 1 and l.mode = 'STOCK'",
                        Tuple.of(orderIds.toArray(String[]::new), dc, sku)),
                "every order has exactly its one fulfillment and line, as placed");
        Row events = fx.sql(
                        "select count(distinct order_id) as orders, min(n) as least, max(n) as most from"
                                + " (select order_id, count(*) as n from event_outbox where order_id = any($1)"
                                + " group by order_id) e",
                        ids)
                .iterator()
                .next();
        assertEquals(UNITS, events.getLong("orders"), "every order has its events");
        assertEquals(events.getLong("least"), events.getLong("most"), "every order has the same events");

        long transactions =
                fx.count("select count(distinct xmin::text) from reservation where order_id = any($1)", ids);
        if (batched()) {
            assertTrue(transactions < UNITS, "orders shared transactions: " + transactions + " for " + UNITS);
        } else {
            assertEquals(UNITS, transactions);
        }

        assertReplays(soldKeys, refusedKeys.subList(0, 20), body, orderIds);
    }

    /** The same keys again: the orders' own answers, and the refusals' 409s. */
    private void assertReplays(List<String> sold, List<String> refused, Map<String, Object> body, List<String> ids)
            throws Exception {
        List<Callable<Response>> again = new ArrayList<>();
        sold.forEach(key -> again.add(() -> place(key, body)));
        refused.forEach(key -> again.add(() -> place(key, body)));
        List<Response> answers = inParallel(again);
        Set<String> replayedIds = new HashSet<>();
        for (int i = 0; i < sold.size(); i++) {
            assertEquals(201, answers.get(i).statusCode(), answers.get(i).asString());
            assertEquals(ids.get(i), answers.get(i).path("id"));
            replayedIds.add(answers.get(i).path("id"));
            if (i < 5) {
                // The record keeps the token unsigned; the replay's token is signed again and opens the order.
                TestApi.as(answers.get(i).path("accessToken"))
                        .get("/v1/orders/{id}", ids.get(i))
                        .then()
                        .statusCode(200);
            }
        }
        assertEquals(sold.size(), replayedIds.size());
        for (int i = sold.size(); i < answers.size(); i++) {
            assertEquals(409, answers.get(i).statusCode(), answers.get(i).asString());
        }
    }
}
