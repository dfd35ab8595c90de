package io.omnigate.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnigate.events.OutboxRelay;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.Nearby;
import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Stock feeds in, available-to-promise out. */
@ApplicationScoped
public class InventoryService {

    /** Candidate locations examined for a "near" stock query. */
    private static final int NEAR_CANDIDATES = 200;

    /**
     * The id is the sequence's next value itself: the sequence steps by 50 because it once handed
     * blocks to a pooled id generator, and a block always contains the value that reserved it.
     */
    private static final String INSERT_INBOUND =
            "insert into inbound_receipt (id, location_id, sku, qty, eta, reference)"
                    + " values (nextval('inbound_receipt_seq'), $1, $2, $3, $4, $5) returning id";

    public enum Source {
        LIVE,
        NEAR_TIME
    }

    /** What became of a batch of adjustments. */
    public record AdjustmentResult(int received, int applied, int duplicates) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inbound(int qty, Instant eta) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationStock(
            String locationId,
            LocationType type,
            Double distanceKm,
            int onHand,
            int reserved,
            int safetyStock,
            int atp,
            Source source,
            Instant syncedAt,
            Inbound nextInbound) {}

    public record StockAvailability(String sku, List<LocationStock> locations) {}

    private final StockRepository stock;
    private final NetworkIndex network;
    private final InventoryConfig config;
    private final Pool pool;
    /** Woken after each committed stock write so the change notices reach the replicas at once. */
    private final OutboxRelay relay;

    InventoryService(
            StockRepository stock, NetworkIndex network, InventoryConfig config, Pool pool, OutboxRelay relay) {
        this.relay = relay;
        this.stock = stock;
        this.network = network;
        this.config = config;
        this.pool = pool;
    }

    public Uni<AdjustmentResult> adjust(List<Adjustment> adjustments) {
        List<String> locations =
                adjustments.stream().map(Adjustment::locationId).toList();
        List<String> skus = adjustments.stream().map(Adjustment::sku).toList();
        return stock.unknownReferences(locations, skus)
                .invoke(unknown -> {
                    if (unknown.any()) {
                        throw ProblemException.unprocessable(
                                "unknown-reference",
                                "Unknown location or SKU",
                                "Nothing was applied. Unknown locations: " + unknown.locations() + "; unknown SKUs: "
                                        + unknown.skus());
                    }
                })
                .chain(() -> stock.applyAdjustments(adjustments))
                .invoke(relay::wake)
                .map(applied -> new AdjustmentResult(adjustments.size(), applied, adjustments.size() - applied));
    }

    public Uni<InboundReceipt> addInbound(
            String locationId, String sku, int qty, OffsetDateTime eta, String reference) {
        return stock.unknownReferences(List.of(locationId), List.of(sku))
                .invoke(unknown -> {
                    if (!unknown.locations().isEmpty()) {
                        throw ProblemException.unprocessable(
                                "unknown-reference",
                                "Unknown location",
                                "Location '" + locationId + "' does not exist.");
                    }
                    if (!unknown.skus().isEmpty()) {
                        throw ProblemException.unprocessable(
                                "unknown-reference", "Unknown SKU", "SKU '" + sku + "' does not exist.");
                    }
                })
                .chain(() -> pool.preparedQuery(INSERT_INBOUND).execute(Tuple.of(locationId, sku, qty, eta, reference)))
                .map(rows ->
                        new InboundReceipt(rows.iterator().next().getLong("id"), locationId, sku, qty, eta, reference))
                .invoke(relay::wake);
    }

    public Uni<Void> setSafetyStock(List<String> locationIds, List<String> skus, List<Integer> quantities) {
        return stock.unknownReferences(locationIds, skus)
                .invoke(unknown -> {
                    if (unknown.any()) {
                        throw ProblemException.unprocessable(
                                "unknown-reference",
                                "Unknown location or SKU",
                                "Unknown locations: " + unknown.locations() + "; unknown SKUs: " + unknown.skus());
                    }
                })
                .chain(() -> stock.setSafetyStock(locationIds, skus, quantities))
                .invoke(relay::wake);
    }

    /** ATP of one SKU per location; nearest first when a point is given, else largest ATP first. */
    public Uni<StockAvailability> availability(String sku, double[] near, double radiusKm, int limit) {
        return skuExists(sku).chain(() -> {
            if (near == null) {
                return stock.atpAnywhere(sku, limit)
                        .map(rows -> new StockAvailability(
                                sku, rows.stream().map(r -> view(r, null)).toList()));
            }
            List<Nearby> candidates =
                    network.nearest(near[0], near[1], radiusKm, NEAR_CANDIDATES, l -> l.type() != LocationType.LOCKER);
            Map<String, Nearby> byId = candidates.stream()
                    .collect(Collectors.toMap(n -> n.location().id(), Function.identity()));
            return stock.atpAt(sku, List.copyOf(byId.keySet()))
                    .map(rows -> new StockAvailability(
                            sku,
                            rows.stream()
                                    .map(r -> view(r, byId.get(r.locationId())))
                                    .sorted(Comparator.comparingDouble(LocationStock::distanceKm))
                                    .limit(limit)
                                    .toList()));
        });
    }

    /** Whether a location's counts are too old to promise as live. */
    public boolean isStale(OffsetDateTime syncedAt) {
        return syncedAt == null || syncedAt.toInstant().isBefore(Instant.now().minus(config.staleAfter()));
    }

    private LocationStock view(StockRepository.StockRow row, Nearby nearby) {
        boolean stale = isStale(row.syncedAt());
        int atp = stale ? Math.max(0, row.atp() - config.staleBuffer()) : row.atp();
        Location location = nearby != null
                ? nearby.location()
                : network.get(row.locationId()).orElse(null);
        return new LocationStock(
                row.locationId(),
                location == null ? null : location.type(),
                nearby == null ? null : Math.round(nearby.distanceKm() * 100) / 100.0,
                row.onHand(),
                row.reserved(),
                row.safetyStock(),
                atp,
                stale ? Source.NEAR_TIME : Source.LIVE,
                row.syncedAt() == null ? null : row.syncedAt().toInstant(),
                row.inboundQty() == null
                        ? null
                        : new Inbound(row.inboundQty(), row.inboundEta().toInstant()));
    }

    private Uni<Void> skuExists(String sku) {
        return pool.preparedQuery("select 1 from sku where sku = $1")
                .execute(Tuple.of(sku))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("SKU", sku);
                    }
                })
                .replaceWithVoid();
    }
}
