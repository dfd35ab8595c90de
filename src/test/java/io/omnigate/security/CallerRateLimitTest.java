package io.omnigate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Issue 17, limits: per-caller token buckets per endpoint family, hit with real parallel requests. */
@QuarkusTest
@TestProfile(CallerRateLimitTest.LowLimits.class)
class CallerRateLimitTest {

    /** 5 orders a second with a 2 s burst (10 at once); 1 stream open a second (2 at once). */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "omnigate.limits.orders-per-second", "5",
                    "omnigate.limits.streams-per-second", "1",
                    "omnigate.limits.burst", "PT2S");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aCallerBeyondItsOrderBucketGets429WithRetryAfterWhileAnotherCallerStillPasses() throws Exception {
        String first = TestApi.mint(Roles.CHECKOUT, null);
        String second = TestApi.mint(Roles.CHECKOUT, null);

        long started = System.nanoTime();
        List<HttpResponse<String>> answers = parallel(40, () -> placeEmptyOrder(first));
        double seconds = (System.nanoTime() - started) / 1e9;

        List<HttpResponse<String>> limited =
                answers.stream().filter(r -> r.statusCode() == 429).toList();
        long admitted = answers.size() - limited.size();
        // The bucket holds 10 and refills 5 a second while the requests run.
        assertTrue(admitted >= 10, "the full bucket admits its burst, admitted " + admitted);
        assertTrue(admitted <= 10 + Math.ceil(5 * seconds) + 1, "admitted " + admitted + " in " + seconds + " s");
        assertTrue(!limited.isEmpty(), "40 requests at once must overflow a bucket of 10");
        for (HttpResponse<String> refused : limited) {
            assertEquals(
                    "application/problem+json",
                    refused.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(refused.body().contains("/problems/rate-limited"), refused.body());
            long retryAfter =
                    Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        }
        // Admitted requests reached the resource: an empty order is a 400 there, never a 429.
        answers.stream().filter(r -> r.statusCode() != 429).forEach(r -> assertEquals(400, r.statusCode()));

        assertEquals(400, placeEmptyOrder(second).statusCode(), "another caller has its own bucket");
    }

    @Test
    void streamOpensAreLimitedPerCallerBeforeTheStreamIsAuthorised() throws Exception {
        String device = TestApi.mint(Roles.STORE_DEVICE, "S-RATE-1");
        // The location does not exist: an admitted open is a 404, a refused one a 429.
        List<HttpResponse<String>> answers = parallel(6, () -> get("/v1/locations/S-RATE-1/events", device));
        long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
        long notFound = answers.stream().filter(r -> r.statusCode() == 404).count();
        assertTrue(notFound >= 2 && notFound <= 3, "admitted " + notFound);
        assertEquals(answers.size(), refused + notFound);
    }

    @Test
    void readsAndCallsWithoutAValidTokenAreNotCounted() throws Exception {
        String checkout = TestApi.mint(Roles.CHECKOUT, null);
        List<HttpResponse<String>> anonymous = parallel(20, () -> placeEmptyOrder("not-a-token"));
        anonymous.forEach(r -> assertEquals(401, r.statusCode()));
        List<HttpResponse<String>> reads = parallel(20, () -> get("/v1/orders/O-NONE", checkout));
        reads.forEach(r -> assertTrue(r.statusCode() != 429, "reads are not limited: " + r.statusCode()));
        assertEquals(400, placeEmptyOrder(checkout).statusCode());
    }

    private HttpResponse<String> placeEmptyOrder(String token) {
        return send(HttpRequest.newBuilder(uri("/v1/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", TestApi.unique("rate"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    }

    private HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code threads} calls released together by a barrier. */
    private static <T> List<T> parallel(int threads, Supplier<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Callable<T>> calls = Collections.nCopies(threads, () -> {
                together.await();
                return call.get();
            });
            List<T> results = new ArrayList<>();
            for (Future<T> answer : pool.invokeAll(calls)) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
