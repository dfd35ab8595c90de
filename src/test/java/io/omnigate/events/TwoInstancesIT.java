package io.omnigate.events;

import static io.omnigate.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.LocalMachine;
import io.omnigate.PackagedApp;
import io.omnigate.PackagedApp.Instance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
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

    static Path work;

    static int pgPort;
    static EmbeddedPostgres postgres;
    static Instance a;
    static Instance b;

    @BeforeAll
    static void start() throws Exception {
        work = PackagedApp.workDir("two-instances-it");
        pgPort = LocalMachine.freePort();
        postgres = PackagedApp.startPostgres(work, pgPort);
        a = PackagedApp.launch(work, "a", pgPort, List.of());
        b = PackagedApp.launch(work, "b", pgPort, List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance instance : new Instance[] {a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void eventsOfAnInstanceKilledBetweenCommitAndWakeStillArrive() throws Exception {
        String admin = PackagedApp.bootstrapSecret(work);
        String[] network = PackagedApp.storeWithStock(a.port(), admin, "IT");
        String store = network[0];
        String device = PackagedApp.mint(
                a.port(), admin, Map.of("role", "store-device", "locationId", store, "ttlSeconds", 3600));
        String checkout = PackagedApp.mint(a.port(), admin, Map.of("role", "checkout", "ttlSeconds", 3600));
        Instance doomed =
                PackagedApp.launch(work, "crashing", pgPort, List.of("-Domnigate.events.crash-before-wake=true"));
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
        String admin = PackagedApp.bootstrapSecret(work);
        String[] network = PackagedApp.storeWithStock(a.port(), admin, "IT");
        String store = network[0];
        String sku = network[1];
        String device = PackagedApp.mint(
                a.port(), admin, Map.of("role", "store-device", "locationId", store, "ttlSeconds", 3600));
        String checkout = PackagedApp.mint(a.port(), admin, Map.of("role", "checkout", "ttlSeconds", 3600));

        List<String> placed = new ArrayList<>();
        try (SseClient stream = SseClient.open(b.url("/v1/locations/" + store + "/events"), device, null)) {
            assertEquals(200, stream.status());
            placed.add(place(a, checkout, store, sku));
            placed.add(place(a, checkout, store, sku));
            List<SseClient.Event> seen = new ArrayList<>();
            seen.add(stream.next("fulfillment.assigned", WAIT));
            seen.add(stream.next("fulfillment.assigned", WAIT));

            postgres.close();
            postgres = PackagedApp.startPostgres(work, pgPort);

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
    static String placeOnceTheDatabaseIsBack(Instance instance, String checkout, String store, String sku) {
        String key = UUID.randomUUID().toString();
        return eventually(
                WAIT,
                () -> instance.as(checkout)
                        .header("Idempotency-Key", key)
                        .body(Map.of(
                                "method",
                                "PICKUP",
                                "locationId",
                                store,
                                "lines",
                                List.of(Map.of("sku", sku, "qty", 1))))
                        .post("/v1/orders")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
    }
}
