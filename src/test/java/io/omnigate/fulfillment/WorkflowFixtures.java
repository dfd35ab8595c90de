package io.omnigate.fulfillment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Moves fulfillments over HTTP and reads what the workflow wrote, for the workflow's tests. */
final class WorkflowFixtures {

    private final OrderFixtures fx;
    private final PickupCodes codes;

    WorkflowFixtures(OrderFixtures fx, PickupCodes codes) {
        this.fx = fx;
        this.codes = codes;
    }

    static RequestSpecification device(String location) {
        return TestApi.as(TestApi.mint(Roles.STORE_DEVICE, location));
    }

    static RequestSpecification pickupPoint(String location) {
        return TestApi.as(TestApi.mint(Roles.PICKUP_POINT, location));
    }

    static Response move(RequestSpecification as, String fulfillmentId, String to) {
        return as.body(Map.of("to", to)).post("/v1/fulfillments/{id}/transitions", fulfillmentId);
    }

    /** Walks the fulfillment through each status, every step a 200. */
    static void walk(Supplier<RequestSpecification> as, String fulfillmentId, String... statuses) {
        for (String to : statuses) {
            move(as.get(), fulfillmentId, to)
                    .then()
                    .statusCode(200)
                    .body("fulfillment.status", org.hamcrest.Matchers.is(to));
        }
    }

    static Response verify(RequestSpecification as, String location, String code) {
        return as.body(Map.of("code", code)).post("/v1/locations/{id}/pickups/verify", location);
    }

    String status(String fulfillmentId) {
        return fx.sql("select status from fulfillment where id = $1", Tuple.of(fulfillmentId))
                .iterator()
                .next()
                .getString("status");
    }

    String orderStatus(String orderId) {
        return fx.sql("select status from orders where id = $1", Tuple.of(orderId))
                .iterator()
                .next()
                .getString("status");
    }

    long events(String orderId) {
        return fx.count("select count(*) from event_outbox where order_id = $1", Tuple.of(orderId));
    }

    /** The outbox rows of an order, in order, as "type@location:status". */
    List<String> outbox(String orderId) {
        List<String> rows = new ArrayList<>();
        for (Row row : fx.sql(
                "select type, location_id, status from event_outbox where order_id = $1 order by seq",
                Tuple.of(orderId))) {
            rows.add(row.getString("type") + "@" + row.getString("location_id") + ":" + row.getString("status"));
        }
        return rows;
    }

    /** The pickup code the customer's stream would show: unsealed from the READY_FOR_PICKUP event. */
    String pickupCode(String fulfillmentId) {
        String sealed = fx.sql(
                        "select payload ->> $2 as sealed from event_outbox where fulfillment_id = $1"
                                + " and type = 'fulfillment.status' and status = 'READY_FOR_PICKUP' order by seq desc",
                        Tuple.of(fulfillmentId, PickupCodes.SEALED_FIELD))
                .iterator()
                .next()
                .getString("sealed");
        return codes.unseal(sealed).orElseThrow();
    }

    /** The plaintext code is nowhere at rest: not in the outbox, the history or the fulfillment row. */
    void assertCodeNotStored(String orderId, String code) {
        long found = fx.count(
                "select (select count(*) from event_outbox e where e.order_id = $1 and e::text like $2)"
                        + " + (select count(*) from order_history h where h.order_id = $1 and h::text like $2)"
                        + " + (select count(*) from fulfillment f where f.order_id = $1 and f::text like $2)",
                Tuple.of(orderId, "%" + code + "%"));
        assertTrue(found == 0, "plaintext pickup code found at rest " + found + " times");
    }
}
