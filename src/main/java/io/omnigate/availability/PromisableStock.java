package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.LineAvailability;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.routing.SourcingPlanner.CartLine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request's stock as it may be promised: stale locations withhold a buffer and take longer. */
final class PromisableStock {

    private final AvailabilityQuery query;
    private final StockView stock;
    private final PromiseRules rules;
    private final Instant horizonEnd;
    private final Instant staleBefore;
    /** Stale locations' ATP with the buffer withheld, computed once per request. */
    private final Map<String, Map<String, Integer>> buffered = new HashMap<>();
    /** Each store's next pickup from now: asked by every pickup family and the split, computed once. */
    private final Map<String, Optional<PickupScheduler.Ready>> pickupFromNow = new HashMap<>();

    PromisableStock(AvailabilityQuery query, StockView stock, PromiseRules rules) {
        this.query = query;
        this.stock = stock;
        this.rules = rules;
        this.horizonEnd = query.now().plus(rules.horizon());
        this.staleBefore = query.now().minus(rules.staleAfter());
    }

    StockView view() {
        return stock;
    }

    boolean stale(String locationId) {
        Instant synced = stock.syncedAt(locationId);
        return synced == null || synced.isBefore(staleBefore);
    }

    Map<String, Integer> atp(String locationId) {
        if (!stale(locationId)) {
            return stock.atp(locationId);
        }
        return buffered.computeIfAbsent(locationId, id -> stock.atpWithheld(id, rules.staleBuffer()));
    }

    boolean covers(Map<String, Integer> atp) {
        for (CartLine line : query.cart()) {
            if (atp.getOrDefault(line.sku(), 0) < line.qty()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code atp} holds at least one unit of some line of the cart. */
    boolean hasAny(Map<String, Integer> atp) {
        for (CartLine line : query.cart()) {
            if (atp.getOrDefault(line.sku(), 0) > 0) {
                return true;
            }
        }
        return false;
    }

    Source source(String locationId) {
        return stale(locationId) ? Source.NEAR_TIME : Source.LIVE;
    }

    Duration extraLead(String locationId) {
        return stale(locationId) ? rules.staleReadyBuffer() : Duration.ZERO;
    }

    double loadRatio(Location location) {
        int capacity = location.hourlyCapacity();
        int assigned = stock.load(location.id()).getOrDefault(query.now().truncatedTo(ChronoUnit.HOURS), 0);
        return capacity <= 0 ? 1.0 : Math.min(1.0, (double) assigned / capacity);
    }

    Optional<PickupScheduler.Ready> nextPickup(Location location, Instant earliest) {
        if (earliest.equals(query.now())) {
            return pickupFromNow.computeIfAbsent(location.id(), id -> schedule(location, earliest));
        }
        return schedule(location, earliest);
    }

    private Optional<PickupScheduler.Ready> schedule(Location location, Instant earliest) {
        return PickupScheduler.nextPickup(
                location, earliest, extraLead(location.id()), stock.load(location.id()), horizonEnd);
    }

    /** When goods arriving at a store at {@code arrival} can be collected: its hours, lead time and capacity. */
    Optional<PickupScheduler.Ready> nextPickupOnArrival(Location store, Instant arrival) {
        return PickupScheduler.nextPickup(store, arrival, Duration.ZERO, stock.load(store.id()), horizonEnd);
    }

    /**
     * When a location can hand over goods prepared from its own stock: a store at its next pickup
     * slot, any other location after its lead time (plus the stale buffer).
     */
    Optional<Instant> preparedAt(Location location) {
        if (location.type() == LocationType.STORE) {
            return nextPickup(location, query.now()).map(PickupScheduler.Ready::readyAt);
        }
        return Optional.of(query.now()
                .plus(Duration.ofMinutes(location.pickupLeadMinutes()))
                .plus(extraLead(location.id())));
    }

    List<LineAvailability> lines(Map<String, Integer> atp) {
        List<LineAvailability> lines = new ArrayList<>(query.cart().size());
        for (CartLine l : query.cart()) {
            lines.add(new LineAvailability(l.sku(), l.qty(), Math.min(l.qty(), atp.getOrDefault(l.sku(), 0))));
        }
        return lines;
    }

    /** When inbound receipts would let this location cover the whole cart; null when they never do. */
    Instant coveredAt(String locationId) {
        Map<String, Integer> atp = atp(locationId);
        Instant when = query.now();
        for (CartLine line : query.cart()) {
            int have = atp.getOrDefault(line.sku(), 0);
            if (have >= line.qty()) {
                continue;
            }
            Instant lineAt = null;
            List<StockView.Inbound> inbound = new ArrayList<>(stock.inbound(locationId, line.sku()));
            inbound.sort(Comparator.comparing(StockView.Inbound::eta));
            for (StockView.Inbound receipt : inbound) {
                have += receipt.qty();
                if (have >= line.qty()) {
                    lineAt = receipt.eta();
                    break;
                }
            }
            if (lineAt == null) {
                return null;
            }
            if (lineAt.isAfter(when)) {
                when = lineAt;
            }
        }
        return when;
    }
}
