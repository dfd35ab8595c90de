package io.omnigate.orders;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.omnigate.TestApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.Parallel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real parallel HTTP requests: a flash sale never oversells and one idempotency key places one order. */
@QuarkusTest
class OrderConcurrencyTest {

    private static final int THREADS = 32;

    @Inject
    Pool pool;

    OrderFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(pool);
    }

    private List<Response> inParallel(int n, Callable<Response> request) throws Exception {
        return Parallel.all(THREADS, Collections.nCopies(n, request), Duration.ofSeconds(120));
    }

    @Test
    void twoHundredBuyersForFiftyUnitsGetExactlyFiftyOrders() throws Exception {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 50);
        OrderFixtures.checkout();

        long started = System.nanoTime();
        List<Response> responses = inParallel(200, () -> place(pickup(storeId, List.of(line(sku, 1)))));
        double seconds = (System.nanoTime() - started) / 1e9;

        int created = 0;
        int refused = 0;
        Set<String> ids = new HashSet<>();
        for (Response r : responses) {
            if (r.statusCode() == 201) {
                created++;
                ids.add(r.path("id"));
            } else if (r.statusCode() == 409) {
                refused++;
                assertEquals("https://omnigate.io/problems/insufficient-stock", r.path("type"));
            }
        }
        System.out.printf("flash sale: 200 buyers, 50 units, %.2f s, %.0f req/s%n", seconds, 200 / seconds);
        assertEquals(50, created);
        assertEquals(150, refused);
        assertEquals(50, ids.size());
        assertEquals(50, fx.reserved(storeId, sku));
        assertEquals(50, fx.onHand(storeId, sku));
        assertEquals(
                50,
                fx.count(
                        "select coalesce(sum(qty), 0) from reservation where sku = $1 and status = 'ACTIVE'",
                        Tuple.of(sku)));
        assertEquals(
                50,
                fx.count(
                        "select count(distinct f.order_id) from fulfillment f join fulfillment_line l"
                                + " on l.fulfillment_id = f.id where l.sku = $1",
                        Tuple.of(sku)));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void fiftyParallelRequestsWithOneKeyPlaceOneOrderAndAllGetIt() throws Exception {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 100);
        OrderFixtures.checkout();
        String key = unique("same");
        Map<String, Object> body = pickup(storeId, List.of(line(sku, 2)));

        List<Response> responses = inParallel(50, () -> place(key, body));

        Set<String> ids = new HashSet<>();
        for (Response r : responses) {
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.path("id"));
        }
        assertEquals(1, ids.size());
        assertEquals(2, fx.reserved(storeId, sku));
        assertEquals(1, fx.count("select count(*) from fulfillment where location_id = $1", Tuple.of(storeId)));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void parallelMultiLineOrdersInOppositeLineOrderNeverDeadlockOrOversell() throws Exception {
        String storeId = fx.store(0, "PICKUP");
        String a = fx.sku();
        String b = fx.sku();
        fx.stock(storeId, a, 30);
        fx.stock(storeId, b, 30);
        OrderFixtures.checkout();
        int[] turn = {0};
        List<Response> responses = inParallel(60, () -> {
            boolean flip;
            synchronized (turn) {
                flip = turn[0]++ % 2 == 0;
            }
            return place(pickup(storeId, flip ? List.of(line(a, 1), line(b, 1)) : List.of(line(b, 1), line(a, 1))));
        });
        long created = responses.stream().filter(r -> r.statusCode() == 201).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 409).count();
        assertEquals(30, created);
        assertEquals(30, refused);
        assertEquals(30, fx.reserved(storeId, a));
        assertEquals(30, fx.reserved(storeId, b));
        fx.assertConsistent(List.of(a, b));
    }

    @Test
    void parallelOrdersOverManySkusAllSucceed() throws Exception {
        List<String> stores = List.of(fx.store(0, "PICKUP"), fx.store(0.01, "PICKUP"));
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sku = fx.sku();
            skus.add(sku);
            stores.forEach(s -> fx.stock(s, sku, 100));
        }
        OrderFixtures.checkout();
        int[] next = {0};
        long started = System.nanoTime();
        List<Response> responses = inParallel(200, () -> {
            int i;
            synchronized (next) {
                i = next[0]++;
            }
            return place(pickup(
                    stores.get(i % 2), List.of(line(skus.get(i % 20), 1), line(skus.get((i + 7) % 20), 1))));
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "spread: 200 two-line orders over 20 SKUs x 2 stores, %.2f s, %.0f orders/s%n", seconds, 200 / seconds);
        assertEquals(200, responses.stream().filter(r -> r.statusCode() == 201).count());
        fx.assertConsistent(skus);
    }
}
