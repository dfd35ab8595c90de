package io.omnigate.availability;

import io.omnigate.inventory.AtpReplica;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything availability needs from the database for one request, read in one statement. */
record StockView(
        Map<String, Map<String, Integer>> atpByLocation,
        Map<String, Instant> syncedAt,
        Map<String, Map<String, List<Inbound>>> inboundByLocation,
        Map<String, Map<Instant, Integer>> loadByLocation,
        Map<String, String> parcelSizeBySku) {

    /** An expected receipt. */
    record Inbound(Instant eta, int qty) {}

    static StockView empty() {
        return new StockView(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    /** Fills this view from the replica, in the same shapes the SQL read produces. */
    AtpReplica.Sink filler() {
        return new AtpReplica.Sink() {
            @Override
            public void atp(String locationId, String sku, int qty) {
                atpByLocation.computeIfAbsent(locationId, k -> new HashMap<>()).put(sku, qty);
            }

            @Override
            public void syncedAt(String locationId, Instant at) {
                syncedAt.put(locationId, at);
            }

            @Override
            public void inbound(String locationId, String sku, Instant eta, int qty) {
                inboundByLocation
                        .computeIfAbsent(locationId, k -> new HashMap<>())
                        .computeIfAbsent(sku, k -> new ArrayList<>())
                        .add(new Inbound(eta, qty));
            }

            @Override
            public void load(String locationId, Instant hourStart, int assigned) {
                loadByLocation.computeIfAbsent(locationId, k -> new HashMap<>()).put(hourStart, assigned);
            }

            @Override
            public void parcelSize(String sku, String size) {
                parcelSizeBySku.put(sku, size);
            }
        };
    }

    int atp(String locationId, String sku) {
        return atpByLocation.getOrDefault(locationId, Map.of()).getOrDefault(sku, 0);
    }

    Map<String, Integer> atp(String locationId) {
        return atpByLocation.getOrDefault(locationId, Map.of());
    }

    Map<Instant, Integer> load(String locationId) {
        return loadByLocation.getOrDefault(locationId, Map.of());
    }

    List<Inbound> inbound(String locationId, String sku) {
        return inboundByLocation.getOrDefault(locationId, Map.of()).getOrDefault(sku, List.of());
    }

    Set<String> knownSkus() {
        return parcelSizeBySku.keySet();
    }
}
