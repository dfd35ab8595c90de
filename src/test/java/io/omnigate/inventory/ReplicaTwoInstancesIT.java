package io.omnigate.inventory;

import static io.omnigate.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.LocalMachine;
import io.omnigate.PackagedApp;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances on one PostgreSQL: a stock change made through instance A is answered by
 * instance B's availability, from B's replica, within the lag bound.
 */
class ReplicaTwoInstancesIT {

    /** The bound a change must reach the other instance within: the relay poll (1 s) + numbering + apply, with room for a shared machine. */
    static final Duration LAG_BOUND = Duration.ofSeconds(5);

    static Path work;
    static EmbeddedPostgres postgres;
    static final List<PackagedApp.Instance> instances = new ArrayList<>();
    static int portA;
    static int portB;

    @BeforeAll
    static void start() throws Exception {
        work = PackagedApp.workDir("replica-two-instances-it");
        int pgPort = LocalMachine.freePort();
        postgres = PackagedApp.startPostgres(work, pgPort);
        instances.add(PackagedApp.launch(work, "a", pgPort, List.of()));
        instances.add(PackagedApp.launch(work, "b", pgPort, List.of()));
        portA = instances.get(0).port();
        portB = instances.get(1).port();
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedApp.Instance instance : instances) {
            instance.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aChangeThroughOneInstanceReachesTheOthersAvailabilityWithinTheBound() throws Exception {
        String admin = PackagedApp.bootstrapSecret(work);
        String store = "RIT-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = "RIT-SKU-" + UUID.randomUUID().toString().substring(0, 8);
        PackagedApp.createStore(portA, admin, store);
        PackagedApp.createSku(portA, admin, sku);
        snapshot(admin, store, sku, 10);
        eventually(Duration.ofSeconds(30), () -> assertTrue(offeredOnB(admin, store, sku)));

        double memoryReadsBefore = memoryReadsOnB();
        List<Long> lags = new ArrayList<>();
        int[] levels = {2, 8, 0, 6};
        for (int level : levels) {
            long started = System.nanoTime();
            snapshot(admin, store, sku, level);
            boolean offered = level >= WANTED;
            eventually(LAG_BOUND, () -> assertEquals(offered, offeredOnB(admin, store, sku), "on hand " + level));
            lags.add((System.nanoTime() - started) / 1_000_000);
        }
        System.out.println("Replica lag A -> B availability (ms, poll included): " + lags);
        assertTrue(memoryReadsOnB() > memoryReadsBefore, "B answered from its replica");
    }

    static final int WANTED = 5;

    /** Whether B's availability offers a pickup of {@link #WANTED} units at the store. */
    static boolean offeredOnB(String admin, String store, String sku) {
        JsonPath answer = PackagedApp.as(portB, admin)
                .body(Map.of(
                        "lines", List.of(Map.of("sku", sku, "qty", WANTED)),
                        "destination", Map.of("lat", 45.0, "lon", 9.0),
                        "methods", List.of("PICKUP"),
                        "preferredLocationId", store))
                .post("/v1/availability")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> offered = answer.getList("options.findAll { it.complete }.locationId");
        return offered.contains(store);
    }

    static void snapshot(String admin, String store, String sku, int onHand) {
        PackagedApp.as(portA, admin)
                .body(Map.of("asOf", Instant.now().toString(), "items", List.of(Map.of("sku", sku, "onHand", onHand))))
                .put("/v1/locations/{id}/inventory", store)
                .then()
                .statusCode(200);
    }

    static double memoryReadsOnB() {
        String body = given().baseUri("http://localhost")
                .port(portB)
                .get("/q/metrics")
                .asString();
        for (String line : body.split("\n")) {
            if (line.startsWith("omnigate_atp_replica_reads_total") && line.contains("source=\"memory\"")) {
                return io.omnigate.MetricLines.value(line);
            }
        }
        return 0;
    }
}
