package io.omnigate.events;

import static io.omnigate.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.omnigate.LocalMachine;
import io.omnigate.PackagedApp;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deploy topology without containers, started by {@code deploy/local/run.sh}: PostgreSQL,
 * two packaged instances and haproxy with {@code deploy/haproxy/haproxy.cfg}. Orders and streams
 * go through the balancer; one instance is killed while streams are open, and every subscriber
 * reconnects through the balancer and resumes from its Last-Event-ID with nothing lost and
 * nothing twice.
 */
class LocalTopologyIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Path RUN = Path.of("target", "local-topology-it").toAbsolutePath();
    static final int SUBSCRIBERS = 4;
    static final int ORDERS_PER_PHASE = 4;

    static int lbPort;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                onPath("haproxy"),
                "haproxy is not installed (apt-get install haproxy): the container-free topology is not tested");
        LocalMachine.deleteRecursively(RUN);
        lbPort = LocalMachine.freePort();
        env = Map.of(
                "RUN_DIR", RUN.toString(),
                "LB_PORT", Integer.toString(lbPort),
                "OMNIGATE_1_PORT", Integer.toString(LocalMachine.freePort()),
                "OMNIGATE_2_PORT", Integer.toString(LocalMachine.freePort()),
                "PG_PORT", Integer.toString(LocalMachine.freePort()),
                "START_TIMEOUT", "600",
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertEquals(0, runScript("start"), "run.sh start; see " + RUN.resolve("start.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            runScript("stop");
        }
    }

    @Test
    void subscribersOfAKilledInstanceResumeOnTheOtherWithNothingLostOrTwice() throws Exception {
        String admin = secret("OMNIGATE_AUTH_BOOTSTRAP_TOKEN");
        String[] network = storeWithStock(admin);
        String device = mint(admin, Map.of("role", "store-device", "locationId", network[0], "ttlSeconds", 3600));
        String checkout = mint(admin, Map.of("role", "checkout", "ttlSeconds", 3600));
        String url = "http://localhost:" + lbPort + "/v1/locations/" + network[0] + "/events";

        List<Subscriber> subscribers = new ArrayList<>();
        // Round robin: consecutive opens land on both instances.
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscribers.add(new Subscriber(url, device));
        }
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < ORDERS_PER_PHASE; i++) {
            placed.add(place(checkout, network));
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.collect(placed.size());
        }

        long pid =
                Long.parseLong(Files.readString(RUN.resolve("omnigate-1.pid")).strip());
        ProcessHandle doomed = ProcessHandle.of(pid).orElseThrow();
        doomed.destroyForcibly();
        doomed.onExit().get(60, TimeUnit.SECONDS);

        for (int i = 0; i < ORDERS_PER_PHASE; i++) {
            placed.add(place(checkout, network));
        }
        int reconnected = 0;
        for (Subscriber subscriber : subscribers) {
            subscriber.collect(placed.size());
            assertEquals(placed, subscriber.orders, "every order once, in commit order");
            reconnected += subscriber.reconnects > 0 ? 1 : 0;
            subscriber.close();
        }
        assertTrue(reconnected > 0, "some subscribers were on the killed instance and reconnected");
    }

    /** An EventSource: reconnects through the balancer with its Last-Event-ID when the stream ends. */
    static final class Subscriber implements AutoCloseable {
        final String url;
        final String token;
        final List<String> orders = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        SseClient stream;
        String lastId;
        int reconnects;

        Subscriber(String url, String token) {
            this.url = url;
            this.token = token;
            this.stream = connect();
        }

        /** Reads until {@code count} orders were assigned, reconnecting as often as needed. */
        void collect(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (orders.size() < count) {
                assertTrue(System.nanoTime() < deadline, "only " + orders + " within " + WAIT);
                SseClient.Event event;
                try {
                    event = stream.next(Duration.ofSeconds(1));
                } catch (AssertionError nothingYet) {
                    if (stream.ended()) {
                        stream.close();
                        stream = connect();
                        reconnects++;
                    }
                    continue;
                }
                if (event.id() != null) {
                    assertTrue(ids.add(event.id()), "event " + event.id() + " twice");
                    assertTrue(lastId == null || Long.parseLong(event.id()) > Long.parseLong(lastId), "ids ascend");
                    lastId = event.id();
                }
                if (event.type().equals("fulfillment.assigned")) {
                    orders.add(new JsonPath(event.data()).getString("orderId"));
                }
            }
        }

        /** The balancer may still pick the dead instance until its health check fails: retry. */
        private SseClient connect() {
            return eventually(WAIT, () -> {
                SseClient client = SseClient.open(url, token, lastId);
                if (client.status() != 200) {
                    client.close();
                    throw new AssertionError("no stream through the balancer: " + client.status());
                }
                return client;
            });
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    static RequestSpecification as(String token) {
        return PackagedApp.as(lbPort, token);
    }

    /** Places one order, retrying with the same Idempotency-Key while the balancer answers 502/503. */
    static String place(String checkout, String[] network) {
        String key = UUID.randomUUID().toString();
        return eventually(WAIT, () -> {
            Response response = as(checkout)
                    .header("Idempotency-Key", key)
                    .body(Map.of(
                            "method",
                            "PICKUP",
                            "locationId",
                            network[0],
                            "lines",
                            List.of(Map.of("sku", network[1], "qty", 1))))
                    .post("/v1/orders");
            assertEquals(
                    201,
                    response.statusCode(),
                    "placing through the balancer: " + response.statusCode() + " " + response.asString());
            return response.path("id");
        });
    }

    /** A new store with 100 units of a new SKU: {store, sku}. */
    static String[] storeWithStock(String admin) {
        return PackagedApp.storeWithStock(lbPort, admin, "LT");
    }

    static String mint(String admin, Map<String, Object> body) {
        return PackagedApp.mint(lbPort, admin, body);
    }

    static String secret(String name) throws Exception {
        return Files.readAllLines(RUN.resolve("secrets/omnigate.env")).stream()
                .filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(name.length() + 1))
                .findFirst()
                .orElseThrow();
    }

    static int runScript(String command) throws Exception {
        Files.createDirectories(RUN);
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/local/run.sh", command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        RUN.resolve(command + ".log").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("run.sh " + command + " did not finish");
        }
        return process.exitValue();
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
