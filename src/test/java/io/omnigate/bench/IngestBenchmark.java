package io.omnigate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures stock-feed ingest against a running omnigate loaded with the demo or bench network:
 * a full NDJSON snapshot of one store, then adjustment batches from parallel feeds.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.omnigate.bench.IngestBenchmark \
 *   -Dexec.args="http://localhost:8080 $(cat omnigate-data/bootstrap-token) 50000 S-0001"
 * </pre>
 *
 * Arguments: base URL, admin or inventory-feed token, catalogue size (SKU-00001…), location id.
 */
public final class IngestBenchmark {

    private static final int ADJUSTMENT_BATCHES = 400;
    private static final int ADJUSTMENTS_PER_BATCH = 100;
    private static final int FEEDS = 8;

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int skus = Integer.parseInt(args[2]);
        String location = args[3];
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        StringBuilder snapshot = new StringBuilder(skus * 32);
        for (int i = 1; i <= skus; i++) {
            snapshot.append(String.format(Locale.ROOT, "{\"sku\":\"SKU-%05d\",\"onHand\":%d}%n", i, i % 13));
        }
        HttpRequest put = HttpRequest.newBuilder(
                        URI.create(base + "/v1/locations/" + location + "/inventory?asOf=" + OffsetDateTime.now()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofString(snapshot.toString()))
                .timeout(Duration.ofMinutes(5))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        check(response);
        System.out.printf(
                Locale.ROOT, "snapshot: %,d lines in %.2f s = %,.0f lines/s%n", skus, seconds, skus / seconds);

        ExecutorService feeds = Executors.newFixedThreadPool(FEEDS);
        List<Future<?>> sent = new ArrayList<>();
        start = System.nanoTime();
        for (int b = 0; b < ADJUSTMENT_BATCHES; b++) {
            int batch = b;
            sent.add(feeds.submit(() -> {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < ADJUSTMENTS_PER_BATCH; i++) {
                    int sku = 1 + (batch * ADJUSTMENTS_PER_BATCH + i) % skus;
                    body.append(i == 0 ? "" : ",")
                            .append(String.format(
                                    Locale.ROOT,
                                    "{\"eventId\":\"%s\",\"locationId\":\"%s\",\"sku\":\"SKU-%05d\",\"delta\":%d,"
                                            + "\"reason\":\"SALE\",\"occurredAt\":\"%s\"}",
                                    UUID.randomUUID(),
                                    location,
                                    sku,
                                    i % 2 == 0 ? 1 : -1,
                                    OffsetDateTime.now()));
                }
                HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/v1/inventory/adjustments"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body.append(']').toString()))
                        .build();
                check(http.send(post, HttpResponse.BodyHandlers.ofString()));
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        seconds = (System.nanoTime() - start) / 1e9;
        int total = ADJUSTMENT_BATCHES * ADJUSTMENTS_PER_BATCH;
        System.out.printf(
                Locale.ROOT,
                "adjustments: %,d in %,d batches of %d from %d parallel feeds in %.2f s = %,.0f adjustments/s%n",
                total,
                ADJUSTMENT_BATCHES,
                ADJUSTMENTS_PER_BATCH,
                FEEDS,
                seconds,
                total / seconds);
        feeds.shutdown();
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }
}
