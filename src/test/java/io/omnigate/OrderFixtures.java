package io.omnigate;

import static io.omnigate.TestApi.admin;
import static io.omnigate.TestApi.putLocation;
import static io.omnigate.TestApi.putSkus;
import static io.omnigate.TestApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.security.Roles;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Network, stock and invariant checks for order tests; every fixture sits in its own far-away corner. */
public final class OrderFixtures {

    private final Pool pool;
    public final double lat;
    public final double lon;
    private static String checkoutToken;

    public OrderFixtures(Pool pool) {
        this.pool = pool;
        // Alaska-ish and spread out, so no other test's locations are ever candidates.
        this.lat = 55 + ThreadLocalRandom.current().nextDouble(0, 10);
        this.lon = -160 + ThreadLocalRandom.current().nextDouble(0, 20);
    }

    public static synchronized String checkout() {
        if (checkoutToken == null) {
            checkoutToken = TestApi.mint(Roles.CHECKOUT, null);
        }
        return checkoutToken;
    }

    public String store(double dLat, String... capabilities) {
        return location("STORE", dLat, null, capabilities);
    }

    public String location(String type, double dLat, String parent, String... capabilities) {
        String id = unique("O" + type.charAt(0));
        Map<String, Object> body = new HashMap<>(TestApi.store(lat + dLat, lon, capabilities));
        body.put("type", type);
        // Tests count exact units; safety stock has its own tests in inventory.
        body.put("defaultSafetyStock", 0);
        if (parent != null) {
            body.put("parentLocationId", parent);
        }
        putLocation(id, body);
        return id;
    }

    /** A locker bank attached to {@code parent}, with the given compartments per size. */
    public String locker(double dLat, String parent, Map<String, Integer> compartments) {
        String id = unique("OL");
        Map<String, Object> body = new HashMap<>(TestApi.store(lat + dLat, lon, "LOCKER"));
        body.put("type", "LOCKER");
        body.put("defaultSafetyStock", 0);
        body.put("parentLocationId", parent);
        body.put("compartments", compartments);
        putLocation(id, body);
        return id;
    }

    public String sku() {
        String sku = unique("OSKU");
        putSkus(sku);
        return sku;
    }

    /** Sets a count as a feed would: the location's stock counts as just synced (not stale). */
    public void stock(String location, String sku, int onHand) {
        sql(
                "with s as (insert into stock (location_id, sku, on_hand) values ($1, $2, $3)"
                        + " on conflict (location_id, sku) do update set on_hand = excluded.on_hand)"
                        + " update location set stock_synced_at = now() where id = $1",
                Tuple.of(location, sku, onHand));
    }

    public RowSet<Row> sql(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    public int reserved(String location, String sku) {
        return counter("reserved", location, sku);
    }

    public int onHand(String location, String sku) {
        return counter("on_hand", location, sku);
    }

    private int counter(String column, String location, String sku) {
        RowSet<Row> rows = sql(
                "select " + column + " as v from stock where location_id = $1 and sku = $2", Tuple.of(location, sku));
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger("v");
    }

    public long count(String sql, Tuple args) {
        return sql(sql, args).iterator().next().getLong(0);
    }

    /** No counter is negative and reserved equals the live reservations, for every row of these SKUs. */
    public void assertConsistent(List<String> skus) {
        RowSet<Row> rows = sql(
                "select s.location_id, s.sku, s.on_hand, s.reserved,"
                        + " coalesce((select sum(qty) from reservation r where r.location_id = s.location_id"
                        + "   and r.sku = s.sku and r.status = 'ACTIVE' and r.kind = 'STOCK'), 0)::int as live"
                        + " from stock s where s.sku = any($1)",
                Tuple.of((Object) skus.toArray(String[]::new)));
        for (Row row : rows) {
            String where = row.getString("location_id") + "/" + row.getString("sku");
            assertTrue(row.getInteger("on_hand") >= 0, "on_hand >= 0 at " + where);
            assertTrue(row.getInteger("reserved") >= 0, "reserved >= 0 at " + where);
            assertEquals(
                    row.getInteger("live"), row.getInteger("reserved"), "reserved = live reservations at " + where);
        }
    }

    public static Map<String, Object> line(String sku, int qty) {
        return Map.of("sku", sku, "qty", qty);
    }

    public static Map<String, Object> pickup(String location, List<Map<String, Object>> lines) {
        return Map.of("method", "PICKUP", "locationId", location, "lines", lines);
    }

    public Map<String, Object> ship(List<Map<String, Object>> lines) {
        return Map.of("method", "SHIP", "destination", Map.of("lat", lat, "lon", lon), "lines", lines);
    }

    public static Response place(String key, Map<String, Object> body) {
        return TestApi.as(checkout()).header("Idempotency-Key", key).body(body).post("/v1/orders");
    }

    public static Response place(Map<String, Object> body) {
        return place(unique("key"), body);
    }

    public static io.restassured.specification.RequestSpecification asAdmin() {
        return admin();
    }
}
