package io.omnigate;

import static io.restassured.RestAssured.given;

import io.omnigate.platform.EmbeddedPostgresServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Start-up and first calls shared by the *IT tests that run the packaged application
 * ({@code java -jar target/quarkus-app/quarkus-run.jar}, built by {@code package}) as real
 * processes: an embedded PostgreSQL, instances on free ports, and the admin calls that give a
 * test its own store, stock and tokens.
 */
public final class PackagedApp {

    /** How long an instance may take to become ready (a shared 2-core machine can take minutes). */
    public static final Duration START_WAIT = Duration.ofMinutes(5);

    private PackagedApp() {}

    /** One running instance; its log is {@code <work>/<name>.log}. */
    public record Instance(String name, int port, Process process) {

        public String url(String path) {
            return "http://localhost:" + port + path;
        }

        public RequestSpecification as(String token) {
            return PackagedApp.as(port, token);
        }

        /** Stops the process and waits until it is gone. */
        public void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** An empty scratch directory {@code target/<name>} for one IT class. */
    public static Path workDir(String name) throws IOException {
        Path work = Path.of("target", name).toAbsolutePath();
        LocalMachine.deleteRecursively(work);
        Files.createDirectories(work);
        return work;
    }

    /** PostgreSQL on {@code port} with its data under {@code work/postgres} (kept across restarts). */
    public static EmbeddedPostgres startPostgres(Path work, int port) throws IOException {
        return EmbeddedPostgresServer.builder(work.resolve("postgres"), false)
                .setPort(port)
                .start();
    }

    /**
     * Starts an instance on a free port against the PostgreSQL on {@code pgPort}, sharing
     * {@code work/data} (bootstrap secret, keys) with the other instances, and waits until it is
     * ready; {@code jvmArgs} go before {@code -jar}.
     */
    public static Instance launch(Path work, String name, int pgPort, List<String> jvmArgs) throws Exception {
        int port = LocalMachine.freePort();
        String jar = System.getProperty("omnigate.it.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=postgresql://localhost:" + pgPort + "/postgres",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + pgPort + "/postgres",
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dquarkus.datasource.reactive.max-size=8",
                "-Domnigate.data-dir=" + work.resolve("data"),
                "-jar",
                new File(jar).getAbsolutePath()));
        File log = work.resolve(name + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        boolean ready;
        try {
            ready = Eventually.eventually(START_WAIT, () -> process.isAlive() ? answersReady(port) : Boolean.FALSE);
        } catch (AssertionError | RuntimeException e) {
            ready = false;
        }
        if (!ready) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Instance " + name + " did not start; see " + log);
        }
        return new Instance(name, port, process);
    }

    /**
     * True once {@code /q/health/ready} answers 200; fails (so {@link Eventually} retries) while the
     * port refuses connections or the instance is not ready yet.
     */
    private static Boolean answersReady(int port) {
        int status;
        try {
            status = given().baseUri("http://localhost")
                    .port(port)
                    .get("/q/health/ready")
                    .statusCode();
        } catch (Exception notListeningYet) {
            throw new AssertionError("not listening yet: " + notListeningYet);
        }
        if (status != 200) {
            throw new AssertionError("/q/health/ready answered " + status);
        }
        return Boolean.TRUE;
    }

    /** The bootstrap admin secret the instances sharing {@code work/data} accept. */
    public static String bootstrapSecret(Path work) throws IOException {
        return Files.readString(work.resolve("data/bootstrap-token")).strip();
    }

    /** A JSON request to the app (or balancer) on {@code port} with {@code token}. */
    public static RequestSpecification as(int port, String token) {
        return given().baseUri("http://localhost")
                .port(port)
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON);
    }

    /** Mints a token with the admin secret: {@code body} as POST /v1/auth/tokens takes it. */
    public static String mint(int port, String admin, Map<String, Object> body) {
        return as(port, admin)
                .body(body)
                .post("/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /** A new PICKUP store with 100 units of a new SKU, ids starting with {@code prefix}: {store, sku}. */
    public static String[] storeWithStock(int port, String admin, String prefix) {
        String store = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = prefix + "-SKU-" + UUID.randomUUID().toString().substring(0, 8);
        createStore(port, admin, store);
        createSku(port, admin, sku);
        as(port, admin)
                .body(Map.of("asOf", Instant.now().toString(), "items", List.of(Map.of("sku", sku, "onHand", 100))))
                .put("/v1/locations/{id}/inventory", store)
                .then()
                .statusCode(200);
        return new String[] {store, sku};
    }

    /** A PICKUP store open around the clock without safety stock, so any unit it holds is offered. */
    public static void createStore(int port, String admin, String store) {
        Map<String, Object> hours = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day.name(), List.of(Map.of("open", "00:00", "close", "23:59")));
        }
        as(port, admin)
                .body(Map.of(
                        "type",
                        "STORE",
                        "name",
                        "store " + store,
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
    }

    public static void createSku(int port, String admin, String sku) {
        as(port, admin)
                .body(List.of(Map.of("sku", sku, "name", "IT " + sku)))
                .post("/v1/skus")
                .then()
                .statusCode(200);
    }
}
