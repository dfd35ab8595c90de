package io.omnigate.platform.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.platform.demo.DemoNetworkLoader.LoadCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoNetworkLoaderTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @Inject
    DemoNetworkLoader loader;

    @Inject
    Pool pool;

    @Test
    void loadsEveryRowTheGeneratorProduces() {
        NetworkSize size = smallNetwork("T1-");
        DemoNetworkGenerator expected = new DemoNetworkGenerator(size, 7, Instant.now());

        LoadCounts counts = loader.load(size, 7).await().atMost(TIMEOUT);

        long expectedStock = expected.stock().count();
        assertEquals(20, counts.locations());
        assertEquals(300, counts.skus());
        assertEquals(expectedStock, counts.stockRows());
        assertEquals(40, counts.inboundReceipts());
        assertEquals(20, count("select count(*) from location where starts_with(id, $1)", "T1-"));
        assertEquals(300, count("select count(*) from sku where starts_with(sku, $1)", "T1-"));
        assertEquals(expectedStock, count("select count(*) from stock where starts_with(location_id, $1)", "T1-"));
        assertEquals(40, count("select count(*) from inbound_receipt where starts_with(location_id, $1)", "T1-"));
        assertEquals(
                0,
                count(
                        "select count(*) from location l join location p on p.id = l.parent_location_id"
                                + " where starts_with(l.id, $1) and p.type <> 'STORE'",
                        "T1-"));
        assertTrue(count(
                        "select count(*) from inbound_receipt where starts_with(location_id, $1)"
                                + " and eta < now() + interval '5 hours'",
                        "T1-")
                == 0);
    }

    @Test
    void writesTheJsonShapesAndSyncTimesTheNetworkFeatureReads() {
        loader.load(smallNetwork("T3-"), 11).await().atMost(TIMEOUT);

        Row store = pool.preparedQuery("select opening_hours, hours_exceptions, address, capabilities, stock_synced_at,"
                        + " snapshot_as_of, default_safety_stock from location where id = $1")
                .execute(Tuple.of("T3-S-0001"))
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next();
        JsonObject hours = (JsonObject) store.getValue("opening_hours");
        JsonArray monday = hours.getJsonArray("MONDAY");
        assertTrue(monday.getJsonObject(0).getString("open").matches("\\d\\d:\\d\\d"));
        JsonArray exceptions = (JsonArray) store.getValue("hours_exceptions");
        assertTrue(exceptions.stream()
                .map(JsonObject.class::cast)
                .anyMatch(exception -> exception.getString("date").endsWith("-12-25")
                        && exception.getJsonArray("hours").isEmpty()));
        JsonObject address = (JsonObject) store.getValue("address");
        assertTrue(address.containsKey("postalCode") && address.containsKey("country"));
        assertTrue(store.getArrayOfStrings("capabilities").length >= 2);
        assertTrue(store.getOffsetDateTime("stock_synced_at") != null);
        assertEquals(store.getOffsetDateTime("stock_synced_at"), store.getOffsetDateTime("snapshot_as_of"));
        assertEquals(1, store.getInteger("default_safety_stock"));

        assertEquals(
                1,
                count(
                        "select count(*) from location where starts_with(id, $1) and type = 'STORE'"
                                + " and stock_synced_at < now() - interval '90 minutes'",
                        "T3-"));
        assertEquals(
                count("select count(*) from location where starts_with(id, $1) and type = 'LOCKER'", "T3-"),
                count(
                        "select count(*) from location where starts_with(id, $1) and type = 'LOCKER'"
                                + " and stock_synced_at is null and compartments ? 'S'",
                        "T3-"));
    }

    @Test
    void aFailedLoadRemovesWhatItInserted() {
        NetworkSize size = smallNetwork("T2-");
        loader.load(size, 9).await().atMost(TIMEOUT);

        assertThrows(RuntimeException.class, () -> loader.load(size, 9).await().atMost(TIMEOUT));

        assertEquals(0, count("select count(*) from location where starts_with(id, $1)", "T2-"));
        assertEquals(0, count("select count(*) from sku where starts_with(sku, $1)", "T2-"));
        assertEquals(0, count("select count(*) from stock where starts_with(location_id, $1)", "T2-"));
    }

    private static NetworkSize smallNetwork(String prefix) {
        return new NetworkSize("test", 12, 2, 6, 300, 0.2, 0.7, 40, prefix);
    }

    private long count(String sql, String prefix) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(prefix))
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next()
                .getLong(0);
    }
}
