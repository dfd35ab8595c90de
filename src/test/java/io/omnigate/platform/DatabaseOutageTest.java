package io.omnigate.platform;

import static io.omnigate.Eventually.eventually;
import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 7: with PostgreSQL stopped, every call that needs it answers 503 problem+json
 * with Retry-After, readiness is down and liveness up; when PostgreSQL is back the gateway
 * serves again by itself, with every count exact.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Test
    void anOutageAnswers503WithRetryAfterAndTheGatewayRecoversByItself() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String sku = fx.sku();
        fx.stock(store, sku, 5);
        JsonPath order = place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        String orderToken = order.getString("accessToken");

        TestPostgres postgres = TestPostgres.running();
        postgres.stop();
        try {
            List<Supplier<Response>> calls = List.of(
                    () -> place(pickup(store, List.of(line(sku, 1)))),
                    () -> TestApi.as(orderToken).get("/v1/orders/{id}", order.getString("id")),
                    () -> TestApi.as(device).get("/v1/locations/{id}/fulfillments", store),
                    () -> TestApi.as(device)
                            .body(Map.of("to", "ACCEPTED"))
                            .post("/v1/fulfillments/{id}/transitions", order.getString("fulfillments[0].id")),
                    () -> TestApi.admin().get("/v1/inventory/{sku}", sku),
                    () -> TestApi.as(orderToken)
                            .accept("text/event-stream")
                            .get("/v1/orders/{id}/events", order.getString("id")));
            for (Supplier<Response> call : calls) {
                // The first calls may still meet connections the server is closing; all end as 503.
                eventually(
                        Duration.ofSeconds(20),
                        () -> call.get()
                                .then()
                                .statusCode(503)
                                .contentType(containsString("application/problem+json"))
                                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                                .body("type", containsString("database-unavailable")));
            }
            eventually(
                    Duration.ofSeconds(20),
                    () -> given().get("/q/health/ready").then().statusCode(503));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            postgres.start();
        }

        eventually(RECOVERY, () -> given().get("/q/health/ready").then().statusCode(200));
        String second = eventually(
                RECOVERY,
                () -> place(pickup(store, List.of(line(sku, 1))))
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
        TestApi.as(device)
                .body(Map.of("to", "ACCEPTED"))
                .post("/v1/fulfillments/{id}/transitions", order.getString("fulfillments[0].id"))
                .then()
                .statusCode(200);
        assertTrue(second.startsWith("O"), second);
        assertEquals(2, fx.reserved(store, sku), "exactly the two orders placed hold stock");
        fx.assertConsistent(List.of(sku));
    }
}
