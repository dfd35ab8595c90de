package io.omnigate.inventory;

import static io.omnigate.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.LocalMachine;
import io.omnigate.platform.EmbeddedPostgresServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
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

    static final Duration START = Duration.ofSeconds(120);

    /** The bound a change must reach the other instance within: the relay poll (1 s) + numbering + apply, with room for a shared machine. */
    static final Duration LAG_BOUND = Duration.ofSeconds(5);

    static final Path WORK = Path.of("target", "replica-two-instances-it").toAbsolutePath();

    static EmbeddedPostgres postgres;
    static final List<Process> processes = new ArrayList<>();
    static int portA;
    static int portB;

    @BeforeAll
    static void start() throws Exception {
        LocalMachine.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        int pgPort = LocalMachine.freePort();
        postgres = EmbeddedPostgresServer.builder(WORK.resolve("postgres"), false)
                .setPort(pgPort)
                .start();
        portA = launch("a", pgPort);
        portB = launch("b", pgPort);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : processes) {
            process.destroy();
            process.waitFor();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aChangeThroughOneInstanceReachesTheOthersAvailabilityWithinTheBound() throws Exception {
        String admin = Files.readString(WORK.resolve("data/bootstrap-token")).strip();
        String store = "RIT-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = "RIT-SKU-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> allDay = Map.of("open", "00:00", "close", "23:59");
        Map<String, Object> hours = new java.util.HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(day, List.of(allDay));
        }
        as(portA, admin)
                .body(Map.of(
                        "type",
                        "STORE",
                        "name",
                        "Replica IT store",
                        "lat",
                        45.0,
                        "lon",
                        9.0,
                        "timeZone",
                        "Europe/Rome",
                        "capabilities",
                        List.of("PICKUP"),
                        "openingHours",
                        hours,
                        "pickupLeadMinutes",
                        30,
                        "hourlyCapacity",
                        100,
                        "defaultSafetyStock",
                        0))
                .put("/v1/locations/{id}", store)
                .then()
                .statusCode(201);
        as(portA, admin)
                .body(List.of(Map.of("sku", sku, "name", "IT")))
                .post("/v1/skus")
                .then()
                .statusCode(200);
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
        JsonPath answer = as(portB, admin)
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
        as(portA, admin)
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
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static RequestSpecification as(int port, String token) {
        return given().baseUri("http://localhost")
                .port(port)
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON);
    }

    static int launch(String name, int pgPort) throws Exception {
        int port = LocalMachine.freePort();
        String jar = System.getProperty("omnigate.it.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=postgresql://localhost:" + pgPort + "/postgres",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + pgPort + "/postgres",
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dquarkus.datasource.reactive.max-size=8",
                "-Domnigate.data-dir=" + WORK.resolve("data"),
                "-jar",
                new File(jar).getAbsolutePath());
        File log = WORK.resolve(name + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        processes.add(process);
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try {
                if (given().baseUri("http://localhost")
                                .port(port)
                                .get("/q/health/ready")
                                .statusCode()
                        == 200) {
                    return port;
                }
            } catch (Exception e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Instance " + name + " did not start; see " + log);
            }
            Thread.sleep(200);
        }
    }
}
