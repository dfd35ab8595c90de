package io.omnigate.availability;

import io.omnigate.TestApi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a small fixed network for one scenario, far from every other test's locations. */
final class ScenarioNetwork {

    static final List<String> WEEK =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    private final Pool pool;
    final double lat;
    final double lon;

    ScenarioNetwork(Pool pool, double lat, double lon) {
        this.pool = pool;
        this.lat = lat;
        this.lon = lon;
    }

    /** A point {@code km} east of the scenario's customer. */
    double lonAt(double km) {
        return lon + km / (111.32 * Math.cos(Math.toRadians(lat)));
    }

    static Map<String, Object> hours(String open, String close) {
        Map<String, Object> hours = new HashMap<>();
        WEEK.forEach(day -> hours.put(day, List.of(Map.of("open", open, "close", close))));
        return hours;
    }

    Map<String, Object> location(String type, double km, String zone, List<String> capabilities) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("name", "Scenario " + type);
        body.put("lat", lat);
        body.put("lon", lonAt(km));
        body.put("timeZone", zone);
        body.put("capabilities", capabilities);
        body.put("openingHours", hours("09:00", "20:00"));
        body.put("pickupLeadMinutes", 60);
        body.put("hourlyCapacity", 10);
        body.put("defaultSafetyStock", 0);
        return body;
    }

    String put(String prefix, Map<String, Object> body) {
        String id = TestApi.unique(prefix);
        TestApi.putLocation(id, body);
        return id;
    }

    String store(double km, String... capabilities) {
        return put("SC-S", location("STORE", km, "Europe/Rome", List.of(capabilities)));
    }

    void stock(String locationId, String sku, int onHand, Instant syncedAt) {
        pool.preparedQuery("insert into stock (location_id, sku, on_hand, reserved, safety_stock)"
                        + " values ($1, $2, $3, 0, 0) on conflict (location_id, sku) do update set on_hand = $3")
                .execute(Tuple.of(locationId, sku, onHand))
                .await()
                .atMost(Duration.ofSeconds(10));
        pool.preparedQuery("update location set stock_synced_at = $2 where id = $1")
                .execute(Tuple.of(locationId, utc(syncedAt)))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    void inbound(String locationId, String sku, int qty, Instant eta) {
        pool.preparedQuery("insert into inbound_receipt (id, location_id, sku, qty, eta)"
                        + " values (nextval('inbound_receipt_seq'), $1, $2, $3, $4)")
                .execute(Tuple.of(locationId, sku, qty, utc(eta)))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    void load(String locationId, Instant hourStart, int assigned) {
        pool.preparedQuery("insert into location_load (location_id, hour_start, assigned) values ($1, $2, $3)")
                .execute(Tuple.of(locationId, utc(hourStart), assigned))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    Map<String, Object> request(List<Map<String, Object>> lines, List<String> methods) {
        Map<String, Object> body = new HashMap<>();
        body.put("lines", lines);
        body.put("destination", Map.of("lat", lat, "lon", lon, "postalCode", "0000", "country", "AU"));
        body.put("methods", methods);
        body.put("deadlineMs", 2000);
        return body;
    }

    static Map<String, Object> line(String sku, int qty) {
        return Map.of("sku", sku, "qty", qty);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
