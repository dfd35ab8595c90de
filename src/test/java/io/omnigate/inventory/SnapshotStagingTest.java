package io.omnigate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigate.TestApi;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.Roles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, limits: a snapshot whose body is still arriving holds neither the location's row lock
 * nor a transaction; the body is read to its end (bounded) before the apply takes the lock.
 */
@QuarkusTest
class SnapshotStagingTest {

    /** Far more than socket buffers hold: once written, the server is reading the body. */
    private static final int FIRST_PART_LINES = 200_000;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Test
    void whileASnapshotBodyIsStillArrivingTheLocationIsNotLocked() throws Exception {
        String location = TestApi.unique("S-STAGE");
        TestApi.putLocation(location, TestApi.store(45.0, 9.0, "PICKUP"));
        String feed = TestApi.mint(Roles.INVENTORY_FEED, null);
        PipedInputStream body = new PipedInputStream(64 * 1024);
        PipedOutputStream upload = new PipedOutputStream(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/v1/locations/"
                        + location + "/inventory?asOf=2026-01-01T00:00:00Z"))
                .header("Authorization", "Bearer " + feed)
                .header("Content-Type", SnapshotResource.NDJSON)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());

        writeLines(upload, 0, FIRST_PART_LINES);
        assertEquals(0, lockedLocationsRightNow(location), "the location is not locked mid-upload");
        assertEquals(0, snapshotTransactionsOpen(), "no pooled connection is held for the upload");

        writeLines(upload, FIRST_PART_LINES, 1);
        upload.close();
        HttpResponse<String> done = answer.get(2, TimeUnit.MINUTES);
        // The SKUs are not in the catalogue: the whole body was read and checked before the apply.
        assertEquals(422, done.statusCode(), done.body());
        assertTrue(done.body().contains("unknown-sku"), done.body());
    }

    @Test
    void theReaderRefusesMoreLinesThanItMayHoldAndRepeatedSkus() {
        SnapshotReader reader = new SnapshotReader(new ObjectMapper(), 2);
        ProblemException tooMany = assertThrows(
                ProblemException.class,
                () -> reader.read(csv("A-1,1\nA-2,2\nA-3,3\n"), SnapshotIngest.Format.CSV, null));
        assertEquals(413, tooMany.status());
        ProblemException repeated = assertThrows(
                ProblemException.class, () -> reader.read(csv("A-1,1\nA-1,2\n"), SnapshotIngest.Format.CSV, null));
        assertEquals(400, repeated.status());
        assertEquals(
                2,
                reader.read(csv("sku,onHand\nA-1,1\nA-2,2\n"), SnapshotIngest.Format.CSV, null)
                        .lines());
    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeLines(OutputStream out, int from, int count) throws Exception {
        StringBuilder chunk = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            chunk.append("{\"sku\":\"STAGE-").append(i).append("\",\"onHand\":1}\n");
            if (chunk.length() > 32_000) {
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                chunk.setLength(0);
            }
        }
        out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** 1 when another transaction holds the location's row lock (NOWAIT fails), 0 when it is free. */
    private int lockedLocationsRightNow(String location) {
        return pool.withTransaction(
                        conn -> conn.preparedQuery("select id from location where id = $1 for update nowait")
                                .execute(Tuple.of(location))
                                .map(rows -> 0))
                .onFailure()
                .recoverWithItem(1)
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    /** Sessions sitting in a transaction whose last statement worked on the snapshot (its lock or its lines). */
    private int snapshotTransactionsOpen() {
        return pool.query("select count(*) from pg_stat_activity where state like 'idle in transaction%'"
                        + " and (query like '%snapshot_line%' or query like '%snapshot_as_of%')")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0).intValue())
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
