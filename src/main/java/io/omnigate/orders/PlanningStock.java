package io.omnigate.orders;

import io.omnigate.inventory.AtpReplica;
import io.omnigate.inventory.InventoryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a placement plans with: the reservable units of the cart's SKUs at the candidates and
 * each candidate's load this hour. Read from the ATP replica when it covers the read (a plain
 * read, no round trip), else from SQL. The guarded update still decides: a replica that trails a
 * sale lets the plan pick a row that is gone, and the placement tries once more from SQL.
 */
final class PlanningStock {

    /** Reservable units by location then SKU, and assigned fulfillments this hour by location. */
    record Snapshot(Map<String, Map<String, Integer>> atp, Map<String, Integer> loads, boolean fromMemory) {}

    private PlanningStock() {}

    /** From SQL, inside {@code conn}'s transaction when it has one. */
    static Uni<Snapshot> fromSql(SqlClient conn, Reservations reservations, List<String> locations, List<String> skus) {
        return Uni.combine()
                .all()
                .unis(reservations.atp(conn, locations, skus), reservations.loads(conn, locations))
                .with((atp, loads) -> new Snapshot(atp, loads, false));
    }

    /**
     * From the replica, with the stale buffer taken off exactly as {@code StockSql.reservable}
     * does; null when the replica does not cover every location and SKU yet.
     */
    static Snapshot fromMemory(
            AtpReplica replica, InventoryConfig inventory, List<String> locations, List<String> skus, Instant now) {
        // Sized up front: a ship plan reads 100 candidates (HashMap.resize was 1 % of a placement's CPU).
        int capacity = locations.size() * 2;
        Map<String, Map<String, Integer>> atp = new HashMap<>(capacity);
        Map<String, Instant> synced = new HashMap<>(capacity);
        Map<String, Integer> loads = new HashMap<>(capacity);
        int perLocation = skus.size() * 2;
        boolean covered = replica.read(locations, skus, now, now.plusNanos(1_000), new AtpReplica.Sink() {
            @Override
            public void atp(String locationId, String sku, int qty) {
                atp.computeIfAbsent(locationId, k -> new HashMap<>(perLocation)).put(sku, qty);
            }

            @Override
            public void syncedAt(String locationId, Instant at) {
                synced.put(locationId, at);
            }

            @Override
            public void load(String locationId, Instant hourStart, int assigned) {
                loads.merge(locationId, assigned, Integer::sum);
            }
        });
        if (!covered) {
            return null;
        }
        Instant freshAfter = now.minus(inventory.staleAfter());
        int buffer = Math.max(0, inventory.staleBuffer());
        atp.forEach((location, bySku) -> {
            Instant at = synced.get(location);
            if (buffer > 0 && (at == null || at.isBefore(freshAfter))) {
                bySku.replaceAll((sku, qty) -> Math.max(qty - buffer, 0));
            }
        });
        return new Snapshot(atp, loads, true);
    }
}
