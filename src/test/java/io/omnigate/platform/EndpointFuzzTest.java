package io.omnigate.platform;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.pickup;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 6: every endpoint of the OpenAPI document (so new ones are covered without
 * touching this test), including the SSE routes, gets drawn paths, query parameters, headers and
 * bodies from several roles; none may answer 5xx. A failure prints the seed to replay it with
 * {@code -Dfuzz.seed=}.
 */
@QuarkusTest
class EndpointFuzzTest {

    private static final int TRIES_PER_OPERATION = 24;
    private static final Set<String> STREAMS = Set.of("/v1/orders/{id}/events", "/v1/locations/{id}/events");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    void noEndpointAnswers5xxToAnythingACallerSends() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        JsonNode openApi =
                json.readTree(RestAssured.get("/q/openapi?format=json").asByteArray());
        List<FuzzRequests.Operation> operations = FuzzRequests.operations(openApi);
        Set<String> paths = new TreeSet<>();
        operations.forEach(o -> paths.add(o.path()));
        assertTrue(paths.containsAll(STREAMS), "the SSE routes are in the document: " + paths);
        assertTrue(operations.size() >= 25, "every endpoint is drawn from the document: " + operations.size());

        Fixture fixture = fixture();
        FuzzRequests requests = new FuzzRequests(json, openApi, fixture.ids(), new Random(seed));
        Random roles = new Random(seed);
        Map<String, Object> policy = TestApi.admin()
                .get("/v1/routing/policy")
                .then()
                .statusCode(200)
                .extract()
                .path("policy");
        List<String> failures = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        // jqwik's generators need a session when they run outside jqwik's own engine.
        JqwikSession.start();
        try {
            for (FuzzRequests.Operation operation : operations) {
                for (int i = 0; i < TRIES_PER_OPERATION; i++) {
                    FuzzRequests.Request request = requests.draw(operation);
                    String token =
                            fixture.tokens().get(roles.nextInt(fixture.tokens().size()));
                    String outcome = send(http, request, token);
                    if (outcome != null) {
                        failures.add(outcome);
                    }
                }
            }
        } finally {
            JqwikSession.finish();
            restorePolicy(policy);
        }
        assertEquals(List.of(), failures, "5xx answers (replay with -Dfuzz.seed=" + seed + ")");
    }

    private record Fixture(List<String> ids, List<String> tokens) {}

    private Fixture fixture() {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP", "RETURNS", "SHIP_FROM");
        String sku = fx.sku();
        fx.stock(store, sku, 50);
        JsonPath order = place(pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        List<String> ids = List.of(
                store,
                sku,
                order.getString("id"),
                order.getString("fulfillments[0].id"),
                "ACCEPTED",
                "READY_FOR_PICKUP",
                "PICKUP",
                "1");
        List<String> tokens = List.of(
                TestApi.bootstrapSecret(),
                TestApi.bootstrapSecret(),
                TestApi.mint(Roles.ADMIN, null),
                TestApi.mint(Roles.CHECKOUT, null),
                TestApi.mint(Roles.INVENTORY_FEED, null),
                TestApi.mint(Roles.STORE_DEVICE, store),
                TestApi.mint(Roles.PICKUP_POINT, store),
                order.getString("accessToken"),
                "not-a-token");
        return new Fixture(ids, tokens);
    }

    /** Sends one request; returns a description when it answered 5xx, else null. */
    private String send(HttpClient http, FuzzRequests.Request request, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + request.path()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .method(
                        request.method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        String sent = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
        String described = request.method() + " " + request.path() + " " + request.headers() + " body="
                + sent.substring(0, Math.min(300, sent.length()));
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException closedBeforeUse) {
            // A kept-alive connection the server closed after the previous answer (Connection: close
            // after a refused body): the client does not retry non-GETs by itself.
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                return "no answer (" + e.getMessage() + ") to " + described;
            }
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() < 500) {
                return null;
            }
            return response.statusCode() + " " + described + " -> "
                    + new String(body.readNBytes(600), StandardCharsets.UTF_8);
        }
    }

    /** The routing policy is global: put back what was in force so other tests see it unchanged. */
    private static void restorePolicy(Map<String, Object> policy) {
        TestApi.admin().body(policy).put("/v1/routing/policy").then().statusCode(200);
    }
}
