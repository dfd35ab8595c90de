package io.omnigate.customers;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Customers, consents and database-wide searches for the customers tests. */
public final class CustomerFixtures {

    private final Pool pool;

    CustomerFixtures(Pool pool) {
        this.pool = pool;
    }

    static Map<String, Object> customer(String id, String email, String phone, String name) {
        Map<String, Object> customer = new HashMap<>();
        customer.put("customerId", id);
        customer.put("email", email);
        customer.put("phone", phone);
        customer.put("name", name);
        customer.put("locale", "it-IT");
        return customer;
    }

    /** {@code order} with a customer, a channel and any extra fields. */
    static Map<String, Object> withCustomer(
            Map<String, Object> order, Map<String, Object> customer, String channel, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(order);
        body.put("customer", customer);
        body.put("channel", channel);
        body.putAll(extra);
        return body;
    }

    static Response setConsents(String customerId, Map<String, Boolean> consents) {
        return TestApi.as(OrderFixtures.checkout())
                .body(Map.of(
                        "consents",
                        consents,
                        "source",
                        Map.of("channel", "web", "surface", "checkout"),
                        "noticeVersion",
                        "2026-11"))
                .put("/v1/customers/{id}/consents", customerId);
    }

    /** Records {@code consents} as checkout would; the id of the newest record of {@code purpose} after it. */
    public static long recordConsents(String customerId, Map<String, Boolean> consents, String purpose) {
        List<Map<String, Object>> states = setConsents(customerId, consents)
                .then()
                .statusCode(200)
                .extract()
                .path("consents");
        return states.stream()
                .filter(state -> purpose.equals(state.get("purpose")))
                .map(state -> ((Number) state.get("recordId")).longValue())
                .findFirst()
                .orElseThrow();
    }

    /** Walks a pickup fulfillment at {@code store} to READY_FOR_PICKUP as the store's device. */
    public static void walkToReady(String store, String fulfillmentId) {
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        for (String to : List.of("ACCEPTED", "PICKING", "PACKED", "READY_FOR_PICKUP")) {
            TestApi.as(device)
                    .body(Map.of("to", to))
                    .post("/v1/fulfillments/{id}/transitions", fulfillmentId)
                    .then()
                    .statusCode(200);
        }
    }

    /**
     * Every (table.column) of the public schema whose text, JSON, array or bytea value contains
     * {@code needle}, searching the whole database rather than the places erasure knows about.
     */
    List<String> columnsContaining(String needle) {
        List<String> found = new ArrayList<>();
        for (Row column : sql(
                "select table_name, column_name, data_type from information_schema.columns"
                        + " where table_schema = 'public' and data_type in ('text', 'character varying', 'character',"
                        + " 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')",
                Tuple.tuple())) {
            String table = column.getString("table_name");
            String name = column.getString("column_name");
            String value = "bytea".equals(column.getString("data_type"))
                    ? "convert_from(\"" + name + "\", 'SQL_ASCII')"
                    : "\"" + name + "\"::text";
            long hits = sql(
                            "select count(*) from \"" + table + "\" where strpos(" + value + ", $1) > 0",
                            Tuple.of(needle))
                    .iterator()
                    .next()
                    .getLong(0);
            if (hits > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    Iterable<Row> sql(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    long count(String sql, Tuple args) {
        return sql(sql, args).iterator().next().getLong(0);
    }
}
