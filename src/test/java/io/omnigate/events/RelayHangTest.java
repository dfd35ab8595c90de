package io.omnigate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 8: a relay pass whose statement never answers is abandoned after the pass timeout
 * and live events flow again on a new connection. The hang is real: the relay's PostgreSQL backend
 * is stopped with SIGSTOP, so neither the server's statement timeout nor a TCP error ends it.
 */
@QuarkusTest
@TestProfile(RelayHangTest.ShortPassTimeout.class)
class RelayHangTest extends StreamTestBase {

    /** Abandons a pass after 2 s instead of 45 s. */
    public static class ShortPassTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnigate.events.pass-timeout", "PT2S");
        }
    }

    @Test
    void aHungPassIsAbandonedAndEventsFlowAgainOnANewConnection() throws Exception {
        OrderFixtures fx = new OrderFixtures(pool);
        String store = fx.store(0, "PICKUP");
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        String url = url("/v1/locations/" + store + "/events");
        try (SseClient stream = SseClient.open(url, device, null)) {
            assertEquals(200, stream.status());
            writeEvent(fx, store, 0);
            long previous = Long.parseLong(stream.next(WAIT).id());

            List<Long> before = relayBackends(fx);
            assertEquals(1, before.size(), "one relay connection: " + before);
            long hung = before.get(0);
            signal("STOP", hung);
            try {
                for (int n = 1; n <= 3; n++) {
                    writeEvent(fx, store, n);
                }
                for (int n = 1; n <= 3; n++) {
                    SseClient.Event event = stream.next(WAIT);
                    assertTrue(Long.parseLong(event.id()) > previous, "in order");
                    assertTrue(event.data().contains("\"n\":" + n), event.data());
                    previous = Long.parseLong(event.id());
                }
                assertTrue(
                        relayBackends(fx).stream().anyMatch(pid -> pid != hung), "the relay moved to a new connection");
            } finally {
                signal("CONT", hung);
            }
            assertEquals(List.of(), stream.drain(Duration.ofMillis(1_500)), "nothing twice");
        }
    }

    /** One event for {@code store}, committed on its own, without waking anyone: the poll finds it. */
    static void writeEvent(OrderFixtures fx, String store, int n) {
        fx.sql(
                "insert into event_outbox (type, location_id, status, payload)"
                        + " values ('fulfillment.status', $1, 'ACCEPTED', jsonb_build_object('n', $2::int))",
                Tuple.of(store, n));
    }

    /** The relay's backends; the stopped one stays listed until it runs again. */
    static List<Long> relayBackends(OrderFixtures fx) {
        List<Long> pids = new ArrayList<>();
        for (Row row : fx.sql(
                "select pid from pg_stat_activity where application_name = $1",
                Tuple.of(RelayConnection.APPLICATION_NAME))) {
            pids.add(row.getLong("pid"));
        }
        return pids;
    }

    static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }
}
