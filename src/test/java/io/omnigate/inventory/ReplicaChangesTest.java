package io.omnigate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trigger notices' payloads applied to a replica, and what a covered read hands over. */
class ReplicaChangesTest {

    final ObjectMapper json = new ObjectMapper();
    final AtpReplica replica = new AtpReplica(new SimpleMeterRegistry());
    final ReplicaChanges changes = new ReplicaChanges(replica, null, json, enabled());

    static ReplicaConfig enabled() {
        return new ReplicaConfig() {
            public boolean enabled() {
                return true;
            }

            public int locationsPerRead() {
                return 25;
            }

            public Duration reconcileInterval() {
                return Duration.ofMinutes(1);
            }

            public int reconcileRowsPerPass() {
                return 1000;
            }

            public Duration reconcileGrace() {
                return Duration.ofSeconds(5);
            }
        };
    }

    void apply(String type, String payload) throws Exception {
        changes.apply(type, json.readTree(payload));
    }

    /** Collects a read the way StockView does. */
    static final class Collected implements AtpReplica.Sink {
        final Map<String, Integer> atp = new HashMap<>();
        final Map<String, Instant> synced = new HashMap<>();
        final Map<String, Integer> inbound = new HashMap<>();
        final Map<String, Integer> load = new HashMap<>();
        final Map<String, String> sizes = new HashMap<>();

        public void atp(String l, String s, int q) {
            atp.put(l + "/" + s, q);
        }

        public void syncedAt(String l, Instant at) {
            synced.put(l, at);
        }

        public void inbound(String l, String s, Instant eta, int q) {
            inbound.merge(l + "/" + s, q, Integer::sum);
        }

        public void load(String l, Instant hour, int assigned) {
            load.put(l + "@" + hour, assigned);
        }

        public void parcelSize(String s, String size) {
            sizes.put(s, size);
        }
    }

    @Test
    void noticesAppliedInAnyOrderGiveTheNewestCounters() throws Exception {
        Instant now = Instant.parse("2026-11-27T10:30:00Z");
        long synced = AtpReplica.micros(now.minusSeconds(60));
        apply("internal.location", "{\"op\":\"INSERT\",\"rows\":[[\"S1\"," + synced + ",1,3]]}");
        apply("internal.sku", "{\"rows\":[[\"A\",\"L\",1],[\"B\",\"S\",2]]}");
        apply("internal.stock", "{\"rows\":[[\"S1\",\"A\",10,4,null,20]]}");
        apply("internal.stock", "{\"rows\":[[\"S1\",\"A\",10,1,null,12],[\"S1\",\"B\",3,0,0,13]]}");
        apply("internal.stock", "{\"rows\":[[\"S1\",\"A\",10,4,null,20]]}");
        long eta = AtpReplica.micros(now.plusSeconds(3600));
        apply(
                "internal.inbound",
                "{\"rows\":[[1,\"S1\",\"B\",6," + eta + "],[2,\"S1\",\"B\",6," + (eta - 7_200_000_000L) + "]]}");
        long hour = AtpReplica.micros(Instant.parse("2026-11-27T10:00:00Z"));
        apply("internal.load", "{\"shards\":[[\"S1\"," + hour + ",3,5,30]]}");
        apply("internal.load", "{\"shards\":[[\"S1\"," + hour + ",3,4,29],[\"S1\"," + hour + ",8,2,31]]}");

        Collected read = new Collected();
        assertFalse(
                replica.read(List.of("S1", "S2"), List.of("A", "B"), now, now.plusSeconds(86400), read),
                "S2 is unknown and the first load has not finished: SQL answers");
        replica.markReady();
        assertTrue(replica.read(List.of("S1", "S2"), List.of("A", "B"), now, now.plusSeconds(86400), read));
        assertEquals(Map.of("S1/A", 5, "S1/B", 3), read.atp, "10 - 4 - default 1; 3 - 0 - own 0");
        assertEquals(Map.of("S1", now.minusSeconds(60)), read.synced);
        assertEquals(Map.of("S1/B", 6), read.inbound, "the receipt already due is not offered");
        assertEquals(Map.of("S1@2026-11-27T10:00:00Z", 7), read.load, "shard 3 at version 30 (5) + shard 8 (2)");
        assertEquals(Map.of("A", "L", "B", "S"), read.sizes);
        assertFalse(
                replica.read(List.of("S1"), List.of("C"), now, now.plusSeconds(86400), new Collected()),
                "an unknown SKU is checked in SQL");
    }

    @Test
    void aLocationNotYetLoadedIsReadFromSql() throws Exception {
        replica.markReady();
        apply("internal.location", "{\"op\":\"UPDATE\",\"rows\":[[\"S9\",null,0,3]]}");
        apply("internal.sku", "{\"rows\":[[\"A\",\"M\",1]]}");
        assertFalse(replica.read(List.of("S9"), List.of("A"), Instant.now(), Instant.now(), new Collected()));
    }

    @Test
    void deletedRowsLeaveTheReplica() throws Exception {
        replica.markReady();
        apply("internal.location", "{\"op\":\"INSERT\",\"rows\":[[\"S1\",null,0,3]]}");
        apply("internal.sku", "{\"rows\":[[\"A\",\"M\",1]]}");
        apply("internal.stock", "{\"rows\":[[\"S1\",\"A\",10,0,null,5]]}");
        apply("internal.stock", "{\"deleted\":[[\"S1\",\"A\",6]]}");
        Collected read = new Collected();
        assertTrue(replica.read(List.of("S1"), List.of("A"), Instant.now(), Instant.now(), read));
        assertEquals(Map.of(), read.atp);
        assertEquals(Map.of(), read.synced, "no stock row, no sync time: as the SQL read");
    }
}
