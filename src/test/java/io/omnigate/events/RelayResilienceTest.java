package io.omnigate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay and the streams under trouble: a client that stops reading, a lost LISTEN connection. */
@QuarkusTest
class RelayResilienceTest extends StreamTestBase {

    OrderFixtures fx;
    String store;
    String device;

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        store = fx.store(0, "PICKUP");
        device = TestApi.mint(Roles.STORE_DEVICE, store);
    }

    /** Writes {@code count} events of ~{@code size} bytes for the store, as one commit, and pokes the relays. */
    void writeEvents(int count, int size) {
        fx.sql(
                "with e as (insert into event_outbox (type, location_id, status, payload)"
                        + " select 'fulfillment.status', $1, 'ACCEPTED', jsonb_build_object('n', n, 'filler', repeat('x', $3))"
                        + " from generate_series(1, $2) n returning 1)"
                        + " select pg_notify('omnigate_outbox', '')",
                Tuple.of(store, count, size));
    }

    @Test
    void aClientThatStopsReadingIsClosedAndNeverHoldsBackAFastOne() throws Exception {
        int events = 5_000;
        try (Socket slow = new Socket();
                SseClient fast = SseClient.open(url("/v1/locations/" + store + "/events"), device, null)) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream out = slow.getOutputStream();
            out.write(("GET /v1/locations/" + store + "/events HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + device + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = slow.getInputStream();
            byte[] head = new byte[512];
            assertTrue(in.read(head) > 0, "the slow client's stream opened");
            assertEquals(200, fast.status());

            writeEvents(events, 2_000);

            long previous = 0;
            for (int i = 1; i <= events; i++) {
                SseClient.Event event = fast.next(WAIT);
                long seq = Long.parseLong(event.id());
                assertTrue(seq > previous, "in order");
                previous = seq;
            }
            // The slow client was cut off: reading what is left ends in EOF instead of blocking.
            slow.setSoTimeout((int) WAIT.toMillis());
            byte[] rest = new byte[64 * 1024];
            long received = 0;
            int n;
            while ((n = in.read(rest)) >= 0) {
                received += n;
            }
            assertTrue(received < events * 2_000L, "the slow client did not get everything: " + received);
        }
        String metrics = RestAssured.given().get("/q/metrics").then().extract().asString();
        assertTrue(
                metrics.lines().anyMatch(l -> l.startsWith("omnigate_sse_dropped_total") && !l.endsWith(" 0.0")),
                "a dropped stream is counted");
    }

    @Test
    void eventsCommittedWhileTheListenConnectionIsDownArriveAfterItReconnects() throws Exception {
        try (SseClient stream = SseClient.open(url("/v1/locations/" + store + "/events"), device, null)) {
            assertEquals(200, stream.status());
            writeEvents(1, 10);
            String before = stream.next(WAIT).id();

            long killed = fx.count(
                    "select count(pg_terminate_backend(pid)) from pg_stat_activity where query ilike 'LISTEN%'",
                    Tuple.tuple());
            assertTrue(killed >= 1, "the relay's LISTEN connection was cut");
            writeEvents(3, 10);

            List<SseClient.Event> after = List.of(stream.next(WAIT), stream.next(WAIT), stream.next(WAIT));
            long previous = Long.parseLong(before);
            for (SseClient.Event event : after) {
                assertTrue(Long.parseLong(event.id()) > previous);
                previous = Long.parseLong(event.id());
            }
            assertEquals(List.of(), stream.drain(Duration.ofMillis(1_500)), "nothing twice");
        }
    }
}
