package io.omnigate.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.LocalMachine;
import io.omnigate.platform.EmbeddedPostgresServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged application (the jar `package` built) on one PostgreSQL: a
 * stream held by one instance receives the changes made through the other, and keeps receiving
 * them, without a gap or a duplicate, across a restart of PostgreSQL; and the events of an
 * instance killed between its commit and its relay's wake still arrive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** How long an instance may take to become ready (a shared 2-core machine can take minutes). */
    static final Duration START_WAIT = Duration.ofMinutes(5);

    static final Path WORK = Path.of("target", "two-instances-it").toAbsolutePath();

    static int pgPort;
    static EmbeddedPostgres postgres;
    static Instance a;
    static Instance b;

    /** One running `java -jar quarkus-run.jar`. */
    record Instance(String name, int port, Process process) {
        String url(String path) {
            return "http://localhost:" + port + path;
        }

        RequestSpecification as(String token) {
            return given().baseUri("http://localhost")
                    .port(port)
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        LocalMachine.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        pgPort = LocalMachine.freePort();
        postgres = startPostgres();
        a = launch("a");
        b = launch("b");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance instance : new Instance[] {a, b}) {
            if (instance != null) {
                instance.process().destroy();
                instance.process().waitFor();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void eventsOfAnInstanceKilledBetweenCommitAndWakeStillArrive() throws Exception {
        String admin = Files.readString(WORK.resolve("data/bootstrap-token")).strip();
        String[] network = storeWithStock(admin);
        String store = network[0];
        String device = mint(a, admin, Map.of("role", "store-device", "locationId", store, "ttlSeconds", 3600));
        String checkout = mint(a, admin, Map.of("role", "checkout", "ttlSeconds", 3600));
        Instance doomed = launch("crashing", List.of("-Domnigate.events.crash-before-wake=true"));
        try (SseClient stream = SseClient.open(b.url("/v1/locations/" + store + "/events"), device, null)) {
            assertEquals(200, stream.status());
            try {
                place(doomed, checkout, store, network[1]);
            } catch (AssertionError | Exception expected) {
                // the instance halts before it answers
            }
            assertTrue(doomed.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the instance died");
            assertEquals(99, doomed.process().exitValue(), "it halted after the commit, before the wake");

            SseClient.Event assigned = stream.next("fulfillment.assigned", WAIT);
            String orderId = new io.restassured.path.json.JsonPath(assigned.data()).getString("orderId");
            a.as(admin).get("/v1/orders/{id}", orderId).then().statusCode(200);
        } finally {
            doomed.process().destroyForcibly().waitFor();
        }
    }

    @Test
    @Order(2)
    void aStreamOnOneInstanceFollowsChangesMadeThroughTheOtherAcrossAPostgresRestart() throws Exception {
        String admin = Files.readString(WORK.resolve("data/bootstrap-token")).strip();
        String[] network = storeWithStock(admin);
        String store = network[0];
        String sku = network[1];
        String device = mint(a, admin, Map.of("role", "store-device", "locationId", store, "ttlSeconds", 3600));
        String checkout = mint(a, admin, Map.of("role", "checkout", "ttlSeconds", 3600));

        List<String> placed = new ArrayList<>();
        try (SseClient stream = SseClient.open(b.url("/v1/locations/" + store + "/events"), device, null)) {
            assertEquals(200, stream.status());
            placed.add(place(a, checkout, store, sku));
            placed.add(place(a, checkout, store, sku));
            List<SseClient.Event> seen = new ArrayList<>();
            seen.add(stream.next("fulfillment.assigned", WAIT));
            seen.add(stream.next("fulfillment.assigned", WAIT));

            postgres.close();
            postgres = startPostgres();

            placed.add(placeOnceTheDatabaseIsBack(a, checkout, store, sku));
            placed.add(place(a, checkout, store, sku));
            seen.add(stream.next("fulfillment.assigned", WAIT));
            seen.add(stream.next("fulfillment.assigned", WAIT));
            assertEquals(List.of(), stream.drain(Duration.ofSeconds(2)), "nothing twice");

            List<String> orders = seen.stream()
                    .map(e -> new io.restassured.path.json.JsonPath(e.data()).getString("orderId"))
                    .toList();
            assertEquals(placed, orders, "every event, in commit order");
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(Long.parseLong(seen.get(i).id())
                        > Long.parseLong(seen.get(i - 1).id()));
            }
        }
    }

    /** A new store with 100 units of a new SKU: {store, sku}. */
    static String[] storeWithStock(String admin) {
        String store = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = "IT-SKU-" + UUID.randomUUID().toString().substring(0, 8);
        a.as(admin)
                .body(Map.of(
                        "type",
                        "STORE",
                        "name",
                        "IT store",
                        "lat",
                        45.0,
                        "lon",
                        9.0,
                        "timeZone",
                        "Europe/Rome",
                        "capabilities",
                        List.of("PICKUP"),
                        "pickupLeadMinutes",
                        30,
                        "hourlyCapacity",
                        100))
                .put("/v1/locations/{id}", store)
                .then()
                .statusCode(201);
        a.as(admin)
                .body(List.of(Map.of("sku", sku, "name", "IT")))
                .post("/v1/skus")
                .then()
                .statusCode(200);
        a.as(admin)
                .body(Map.of("asOf", Instant.now().toString(), "items", List.of(Map.of("sku", sku, "onHand", 100))))
                .put("/v1/locations/{id}/inventory", store)
                .then()
                .statusCode(200);
        return new String[] {store, sku};
    }

    static String mint(Instance instance, String admin, Map<String, Object> body) {
        return instance.as(admin)
                .body(body)
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    static String place(Instance instance, String checkout, String store, String sku) {
        return instance.as(checkout)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("method", "PICKUP", "locationId", store, "lines", List.of(Map.of("sku", sku, "qty", 1))))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The pool finds out about the restart on its next use: retry placing until it answers 201. */
    static String placeOnceTheDatabaseIsBack(Instance instance, String checkout, String store, String sku)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String key = UUID.randomUUID().toString();
        while (true) {
            var response = instance.as(checkout)
                    .header("Idempotency-Key", key)
                    .body(Map.of(
                            "method", "PICKUP", "locationId", store, "lines", List.of(Map.of("sku", sku, "qty", 1))))
                    .post("/v1/orders");
            if (response.statusCode() == 201) {
                return response.path("id");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The instance did not recover: " + response.asString());
            }
            Thread.sleep(250);
        }
    }

    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgresServer.builder(WORK.resolve("postgres"), false)
                .setPort(pgPort)
                .start();
    }

    static Instance launch(String name) throws Exception {
        return launch(name, List.of());
    }

    static Instance launch(String name, List<String> extraArgs) throws Exception {
        int port = LocalMachine.freePort();
        String jar = System.getProperty("omnigate.it.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(
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
                new File(jar).getAbsolutePath()));
        command.addAll(1, extraArgs);
        File log = WORK.resolve(name + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        Instance instance = new Instance(name, port, process);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            try {
                if (given().baseUri("http://localhost")
                                .port(port)
                                .get("/q/health/ready")
                                .statusCode()
                        == 200) {
                    return instance;
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
