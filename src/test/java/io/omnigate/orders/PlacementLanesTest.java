package io.omnigate.orders;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.Parallel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Placements on different stock rows sharing flights ({@code omnigate.orders.hot-row.lanes}): with
 * one lane every single-row placement queues behind the flight ahead, so batches mix rows, and a
 * row that sells out inside a mixed batch sends its batch's placements alone. Each row sells what it
 * holds or what was asked, never more; every order is whole; some transactions reserved on several rows.
 */
@QuarkusTest
@TestProfile(PlacementLanesTest.OneLane.class)
class PlacementLanesTest {

    /** Every single-row placement in one queue. */
    public static class OneLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnigate.orders.hot-row.lanes", "1");
        }
    }

    @Inject
    Pool pool;

    @Test
    void rowsShareFlightsAndEachSellsExactlyItsUnits() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String dc = fx.location("DC", 0, null, "SHIP_FROM");
        Map<String, Integer> units = new HashMap<>();
        List<String> skus = new ArrayList<>();
        for (int stocked : new int[] {100, 100, 100, 5}) {
            String sku = fx.sku();
            fx.stock(dc, sku, stocked);
            units.put(sku, stocked);
            skus.add(sku);
        }
        OrderFixtures.checkout();
        // 60 buyers per row: three rows serve them all, the fourth sells out after 5.
        List<String> wanted = new ArrayList<>();
        skus.forEach(sku -> wanted.addAll(Collections.nCopies(60, sku)));
        Collections.shuffle(wanted, new Random(7));
        List<Callable<Response>> buyers = new ArrayList<>();
        for (String sku : wanted) {
            Map<String, Object> body = fx.ship(List.of(line(sku, 1)));
            String key = unique("lane");
            buyers.add(() -> place(key, body));
        }

        List<Response> answers = Parallel.all(64, buyers, Duration.ofSeconds(300));

        Map<String, Integer> sold = new HashMap<>();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            if (answer.statusCode() == 201) {
                sold.merge(wanted.get(i), 1, Integer::sum);
                orderIds.add(answer.path("id"));
            } else {
                assertEquals(409, answer.statusCode(), answer.asString());
                assertEquals("https://omnigate.io/problems/insufficient-stock", answer.path("type"));
            }
        }
        for (String sku : skus) {
            int expected = Math.min(units.get(sku), 60);
            assertEquals(expected, sold.get(sku), "sold of " + sku);
            assertEquals(expected, fx.reserved(dc, sku), "reserved of " + sku);
        }
        fx.assertConsistent(skus);

        Tuple ids = Tuple.of((Object) orderIds.toArray(String[]::new));
        assertEquals(
                orderIds.size(),
                fx.count(
                        "select count(*) from orders o join fulfillment f on f.order_id = o.id"
                                + " join fulfillment_line l on l.fulfillment_id = f.id"
                                + " join reservation r on r.order_id = o.id and r.fulfillment_id = f.id"
                                + " and r.sku = l.sku and r.qty = 1 and r.status = 'ACTIVE'"
                                + " where o.id = any($1) and l.qty = 1",
                        ids),
                "every order has its one fulfillment, line and reservation");
        assertEquals(
                orderIds.size(),
                fx.count("select count(distinct order_id) from event_outbox where order_id = any($1)", ids),
                "every order has its events");
        long mixed = fx.count(
                "select count(*) from (select xmin::text from reservation where order_id = any($1)"
                        + " group by 1 having count(distinct sku) > 1) x",
                ids);
        assertTrue(mixed > 0, "some transactions reserved on several rows");
    }
}
