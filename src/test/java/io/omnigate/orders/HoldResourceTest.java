package io.omnigate.orders;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HoldResourceTest {

    @Inject
    Pool pool;

    OrderFixtures fx;

    @BeforeEach
    void fixtures() {
        fx = new OrderFixtures(pool);
    }

    private String hold(String storeId, String sku, int qty) {
        Map<String, Object> body = new HashMap<>(pickup(storeId, List.of(line(sku, qty))));
        body.put("ttlSeconds", 600);
        return TestApi.as(OrderFixtures.checkout())
                .body(body)
                .post("/v1/holds")
                .then()
                .statusCode(201)
                .body("status", is("ACTIVE"))
                .extract()
                .path("id");
    }

    @Test
    void aHoldKeepsStockForItsOrderOnly() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 3);
        String holdId = hold(storeId, sku, 3);
        assertEquals(3, fx.reserved(storeId, sku));

        place(pickup(storeId, List.of(line(sku, 1)))).then().statusCode(409);

        Map<String, Object> withHold = new HashMap<>(pickup(storeId, List.of(line(sku, 3))));
        withHold.put("holdId", holdId);
        place(withHold).then().statusCode(201).body("holdId", is(holdId));
        assertEquals(3, fx.reserved(storeId, sku));
        assertEquals(
                "CONSUMED",
                fx.sql("select status from hold where id = $1", Tuple.of(holdId))
                        .iterator()
                        .next()
                        .getString("status"));
        place(withHold).then().statusCode(409).body("type", containsString("hold-consumed"));
        fx.assertConsistent(List.of(sku));
    }

    @Test
    void anExpiredHoldIsIgnoredAtOnceAndSweptSoon() throws InterruptedException {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 2);
        String first = hold(storeId, sku, 2);
        fx.sql("update hold set expires_at = now() - interval '1 second' where id = $1", Tuple.of(first));
        // The very next placement sees the expired hold as released, sweeper or not.
        place(pickup(storeId, List.of(line(sku, 2)))).then().statusCode(201);
        assertEquals(2, fx.reserved(storeId, sku));

        String other = fx.sku();
        fx.stock(storeId, other, 1);
        String second = hold(storeId, other, 1);
        fx.sql("update hold set expires_at = now() - interval '1 second' where id = $1", Tuple.of(second));
        eventually(Duration.ofSeconds(5), () -> assertEquals(0, fx.reserved(storeId, other)));
        assertEquals(
                "EXPIRED",
                fx.sql("select status from hold where id = $1", Tuple.of(second))
                        .iterator()
                        .next()
                        .getString("status"));
        fx.assertConsistent(List.of(sku, other));
    }

    @Test
    void holdsRefuseWhatIsNotThereAndReleaseOnRequest() {
        String storeId = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(storeId, sku, 1);
        TestApi.as(OrderFixtures.checkout())
                .body(pickup(storeId, List.of(line(sku, 2))))
                .post("/v1/holds")
                .then()
                .statusCode(409);
        assertEquals(0, fx.reserved(storeId, sku));
        String holdId = hold(storeId, sku, 1);
        TestApi.as(OrderFixtures.checkout())
                .delete("/v1/holds/{id}", holdId)
                .then()
                .statusCode(204);
        assertEquals(0, fx.reserved(storeId, sku));
        fx.assertConsistent(List.of(sku));
    }
}
