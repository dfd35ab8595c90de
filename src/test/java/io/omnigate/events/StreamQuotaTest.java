package io.omnigate.events;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17, limits: one token holds at most 16 streams on an instance; the 17th is a 429 until one closes. */
@QuarkusTest
class StreamQuotaTest extends StreamTestBase {

    @Test
    void aTokenOpensSixteenStreamsAndTheSeventeenthIsRefusedUntilOneCloses() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 2);
        JsonPath order = place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String url = url("/v1/orders/" + order.getString("id") + "/events");
        String token = order.getString("accessToken");
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                SseClient stream = SseClient.open(url, token, null);
                streams.add(stream);
                assertEquals(200, stream.status());
            }
            try (SseClient refused = SseClient.open(url, token, null)) {
                assertEquals(429, refused.status());
                assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
                assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
                assertTrue(refused.body().contains("too-many-streams"));
            }
            streams.remove(0).close();
            eventually(WAIT, () -> {
                SseClient again = SseClient.open(url, token, null);
                if (again.status() != 200) {
                    again.close();
                    throw new AssertionError("still refused: " + again.status());
                }
                streams.add(again);
            });
        } finally {
            streams.forEach(SseClient::close);
        }
    }
}
