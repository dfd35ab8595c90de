package io.omnigate.orders;

import io.omnigate.inventory.AtpReplica;
import io.omnigate.inventory.InventoryConfig;
import io.omnigate.network.Capability;
import io.omnigate.network.Location;
import io.omnigate.network.LocationType;
import io.omnigate.network.Nearby;
import io.omnigate.network.NetworkIndex;
import io.omnigate.platform.Problem;
import io.omnigate.platform.ProblemException;
import io.omnigate.routing.RoutingPolicy;
import io.omnigate.routing.RoutingPolicyService;
import io.omnigate.routing.SourcingPlanner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides where a cart's lines are reserved: the customer's pickup point as chosen, or the
 * routing planner's best plan over live ATP for shipments and re-routing.
 */
@ApplicationScoped
public class Sourcing {

    /** Lines to reserve at one location (one fulfillment). */
    public record Allocation(Location location, List<OrderApi.Line> lines) {}

    /**
     * Not enough stock for {@code skus}. {@code raced} when the plan had the stock and the guarded
     * update found it gone (another order was faster), so planning again may find it elsewhere.
     */
    public static final class ShortStock extends RuntimeException {
        private final Set<String> skus;
        private final boolean raced;

        public ShortStock(Set<String> skus, boolean raced) {
            super(null, null, false, false);
            this.skus = Set.copyOf(skus);
            this.raced = raced;
        }

        public Set<String> skus() {
            return skus;
        }

        public boolean raced() {
            return raced;
        }
    }

    private final NetworkIndex network;
    private final RoutingPolicyService policies;
    private final Reservations reservations;
    private final OrdersConfig config;
    private final AtpReplica replica;
    private final InventoryConfig inventory;

    Sourcing(
            NetworkIndex network,
            RoutingPolicyService policies,
            Reservations reservations,
            OrdersConfig config,
            AtpReplica replica,
            InventoryConfig inventory) {
        this.network = network;
        this.policies = policies;
        this.reservations = reservations;
        this.config = config;
        this.replica = replica;
        this.inventory = inventory;
    }

    /** The pickup point named by a request, checked for the method's capability; 422 otherwise. */
    public Location pickupPoint(OrderApi.Method method, String locationId) {
        if (locationId == null || locationId.isBlank()) {
            throw ProblemException.invalid("locationId", "is required for method " + method);
        }
        Location location = network.get(locationId)
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-reference", "Unknown location", "Location '" + locationId + "' does not exist."));
        Capability needed = capabilityFor(method);
        if (!location.has(needed)) {
            throw ProblemException.unprocessable(
                    "capability-missing",
                    "Location cannot serve this method",
                    "Location '" + locationId + "' does not offer " + needed + ".");
        }
        return location;
    }

    static Capability capabilityFor(OrderApi.Method method) {
        switch (method) {
            case CURBSIDE:
                return Capability.CURBSIDE;
            case LOCKER:
                return Capability.LOCKER;
            case SAME_DAY:
                return Capability.SAME_DAY;
            case SHIP:
                return Capability.SHIP_FROM;
            default:
                return Capability.PICKUP;
        }
    }

    /** Where a pickup point's goods are kept: a locker bank attached to a store is stocked by that store. */
    public Location stockLocation(Location pickup) {
        if (pickup.type() == LocationType.LOCKER && pickup.parentLocationId() != null) {
            return network.get(pickup.parentLocationId()).orElse(pickup);
        }
        return pickup;
    }

    /**
     * Ship-to-store: the DC or ship-from store that reserves and prepares a PICKUP or CURBSIDE order
     * collected at {@code pickup} (the TRANSFER option's {@code fulfilledFromLocationId}); 4xx when
     * it cannot feed that store.
     */
    public Location transferFeeder(OrderApi.Method method, Location pickup, String feederId) {
        if (method != OrderApi.Method.PICKUP && method != OrderApi.Method.CURBSIDE) {
            throw ProblemException.invalid("fulfilledFromLocationId", "is only for methods PICKUP and CURBSIDE");
        }
        if (pickup.type() != LocationType.STORE) {
            throw ProblemException.invalid("fulfilledFromLocationId", "needs a store as the pickup location");
        }
        Location feeder = network.get(feederId)
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-reference", "Unknown location", "Location '" + feederId + "' does not exist."));
        boolean feeds = feeder.type() == LocationType.DC
                || (feeder.type() == LocationType.STORE && feeder.has(Capability.SHIP_FROM));
        if (!feeds && !feeder.id().equals(pickup.id())) {
            throw ProblemException.unprocessable(
                    "capability-missing",
                    "Location cannot feed a store",
                    "Location '" + feederId + "' is neither a DC nor a store with " + Capability.SHIP_FROM + ".");
        }
        return feeder;
    }

    /** Ship-from (or same-day) candidates near a point, as the policy in force allows. */
    public List<Nearby> shipCandidates(OrderApi.Method method, double lat, double lon, Set<String> excluded) {
        RoutingPolicy policy = policies.current().policy();
        Capability needed = capabilityFor(method);
        double radius = method == OrderApi.Method.SAME_DAY ? policy.maxPickupDistanceKm() : Double.POSITIVE_INFINITY;
        Predicate<Location> allowed =
                l -> policy.shipFromTypes().contains(l.type()) && l.has(needed) && !excluded.contains(l.id());
        if (excluded.isEmpty()) {
            // a new order's candidates depend only on the point and this family: cached per grid cell
            ShipFamily family = new ShipFamily(Set.copyOf(policy.shipFromTypes()), needed);
            return network.nearestCached(family, lat, lon, radius, config.shipCandidates(), allowed);
        }
        return network.nearest(lat, lon, radius, config.shipCandidates(), allowed);
    }

    /** What decides the ship-from filter when nothing is excluded (the cache key's family). */
    private record ShipFamily(Set<LocationType> types, Capability needed) {}

    /** Pickup points that could take over a pickup near the original one. */
    public List<Nearby> pickupCandidates(OrderApi.Method method, Location original, Set<String> excluded) {
        RoutingPolicy policy = policies.current().policy();
        Capability needed = capabilityFor(method);
        return network.nearest(
                original.lat(),
                original.lon(),
                policy.maxPickupDistanceKm(),
                config.shipCandidates(),
                l -> l.has(needed) && !excluded.contains(l.id()));
    }

    /**
     * Plans the STOCK lines over the candidates with live ATP read in {@code conn} (inside its
     * transaction when it has one); backorder and preorder lines go with the first shipment. The
     * best plan may be incomplete: callers decide whether that is a 409.
     */
    public Uni<SourcingPlanner.Plan> plan(SqlClient conn, List<Nearby> candidates, List<OrderApi.Line> stockLines) {
        return plan(conn, candidates, stockLines, false);
    }

    /**
     * With {@code memoryFirst}, plans from the ATP replica when it covers the candidates (no round
     * trip) and asks SQL only when that plan is incomplete, since the replica may trail a restock.
     */
    private Uni<SourcingPlanner.Plan> plan(
            SqlClient conn, List<Nearby> candidates, List<OrderApi.Line> stockLines, boolean memoryFirst) {
        List<SourcingPlanner.CartLine> cart = cart(stockLines);
        if (candidates.isEmpty() || cart.isEmpty()) {
            return Uni.createFrom().item(new SourcingPlanner.Plan(List.of(), cart.isEmpty(), 0));
        }
        List<String> ids = candidates.stream().map(n -> n.location().id()).toList();
        List<String> skus = cart.stream().map(SourcingPlanner.CartLine::sku).toList();
        PlanningStock.Snapshot memory =
                memoryFirst ? PlanningStock.fromMemory(replica, inventory, ids, skus, Instant.now()) : null;
        if (memory != null) {
            SourcingPlanner.Plan plan = best(cart, candidates, memory);
            if (plan.complete()) {
                return Uni.createFrom().item(plan);
            }
        }
        return PlanningStock.fromSql(conn, reservations, ids, skus).map(stock -> best(cart, candidates, stock));
    }

    private SourcingPlanner.Plan best(
            List<SourcingPlanner.CartLine> cart, List<Nearby> candidates, PlanningStock.Snapshot stock) {
        List<SourcingPlanner.Candidate> options = new ArrayList<>();
        for (Nearby n : candidates) {
            Map<String, Integer> atp = stock.atp().get(n.location().id());
            if (atp == null) {
                continue;
            }
            int capacity = n.location().hourlyCapacity();
            int assigned = stock.loads().getOrDefault(n.location().id(), 0);
            double loadRatio = capacity <= 0 ? 1.0 : (double) assigned / capacity;
            options.add(new SourcingPlanner.Candidate(n.location(), n.distanceKm(), atp, 0.0, loadRatio));
        }
        List<SourcingPlanner.Plan> plans =
                SourcingPlanner.plan(cart, options, policies.current().policy(), 1);
        return plans.isEmpty() ? new SourcingPlanner.Plan(List.of(), false, 0) : plans.get(0);
    }

    /**
     * Where a new order's lines go, from plain reads outside any transaction: the pickup point's
     * stock location (after an ATP read that turns a sold-out SKU into a refusal without queueing
     * for its row lock), or the planner's best plan; backorder and preorder lines ride with the
     * first shipment. Fails with {@link ShortStock} when the stock is not there. With
     * {@code memoryFirst} (a plain read outside a transaction, first try) the ATP replica answers
     * when it covers the read and says the stock is there; SQL has the last word on a refusal.
     */
    public Uni<List<Allocation>> allocateOrder(
            SqlClient client,
            OrderApi.PlaceOrderRequest request,
            List<OrderApi.Line> lines,
            Location pickup,
            boolean memoryFirst) {
        List<OrderApi.Line> stockLines = lines.stream()
                .filter(l -> l.modeOrStock() == OrderApi.LineMode.STOCK)
                .toList();
        if (pickup != null) {
            Location stockAt = request.fulfilledFromLocationId() == null
                    ? stockLocation(pickup)
                    : transferFeeder(request.method(), pickup, request.fulfilledFromLocationId());
            return precheck(client, stockAt, stockLines, memoryFirst)
                    .map(ok -> List.of(new Allocation(stockAt, lines)));
        }
        List<OrderApi.Line> otherLines = lines.stream()
                .filter(l -> l.modeOrStock() != OrderApi.LineMode.STOCK)
                .toList();
        List<Nearby> candidates = shipCandidates(
                request.method(),
                request.destination().lat(),
                request.destination().lon(),
                Set.of());
        return plan(client, candidates, stockLines, memoryFirst).map(plan -> {
            if (!plan.complete()) {
                throw new ShortStock(OrderService.uncovered(stockLines, allocations(plan)), false);
            }
            List<Allocation> allocations = new ArrayList<>(allocations(plan));
            if (otherLines.isEmpty()) {
                return allocations;
            }
            if (allocations.isEmpty()) {
                if (candidates.isEmpty()) {
                    throw new ShortStock(OrderService.skus(otherLines), false);
                }
                allocations.add(new Allocation(candidates.get(0).location(), otherLines));
            } else {
                List<OrderApi.Line> merged = new ArrayList<>(allocations.get(0).lines());
                merged.addAll(otherLines);
                allocations.set(0, new Allocation(allocations.get(0).location(), merged));
            }
            return allocations;
        });
    }

    private Uni<Void> precheck(
            SqlClient client, Location stockAt, List<OrderApi.Line> stockLines, boolean memoryFirst) {
        if (stockLines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> skus = List.copyOf(OrderService.skus(stockLines));
        PlanningStock.Snapshot memory = memoryFirst
                ? PlanningStock.fromMemory(replica, inventory, List.of(stockAt.id()), skus, Instant.now())
                : null;
        if (memory != null && shortAt(memory.atp(), stockAt, stockLines).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return reservations
                .atp(client, List.of(stockAt.id()), skus)
                .invoke(atp -> {
                    Set<String> shortSkus = shortAt(atp, stockAt, stockLines);
                    if (!shortSkus.isEmpty()) {
                        throw new ShortStock(shortSkus, false);
                    }
                })
                .replaceWithVoid();
    }

    private static Set<String> shortAt(
            Map<String, Map<String, Integer>> atp, Location stockAt, List<OrderApi.Line> stockLines) {
        Map<String, Integer> here = atp.getOrDefault(stockAt.id(), Map.of());
        Set<String> shortSkus = new TreeSet<>();
        for (OrderApi.Line line : stockLines) {
            if (here.getOrDefault(line.sku(), 0) < line.qty()) {
                shortSkus.add(line.sku());
            }
        }
        return shortSkus;
    }

    /** Turns a plan into allocations; lines the plan does not cover are left out. */
    public static List<Allocation> allocations(SourcingPlanner.Plan plan) {
        List<Allocation> allocations = new ArrayList<>();
        for (SourcingPlanner.Shipment shipment : plan.shipments()) {
            List<OrderApi.Line> lines = shipment.lines().stream()
                    .map(l -> new OrderApi.Line(l.sku(), l.qty(), OrderApi.LineMode.STOCK))
                    .toList();
            allocations.add(new Allocation(shipment.from().location(), lines));
        }
        return allocations;
    }

    /** Lines merged by (sku, mode), in request order. */
    public static List<OrderApi.Line> merge(List<OrderApi.Line> lines) {
        Map<String, OrderApi.Line> merged = new LinkedHashMap<>();
        for (OrderApi.Line line : lines) {
            merged.merge(
                    line.sku() + "\u0000" + line.modeOrStock(),
                    new OrderApi.Line(line.sku(), line.qty(), line.modeOrStock()),
                    (a, b) -> new OrderApi.Line(a.sku(), a.qty() + b.qty(), a.mode()));
        }
        return List.copyOf(merged.values());
    }

    static List<SourcingPlanner.CartLine> cart(List<OrderApi.Line> lines) {
        Map<String, Integer> qty = new LinkedHashMap<>();
        lines.forEach(l -> qty.merge(l.sku(), l.qty(), Integer::sum));
        List<SourcingPlanner.CartLine> cart = new ArrayList<>();
        qty.forEach((sku, q) -> cart.add(new SourcingPlanner.CartLine(sku, q)));
        return cart;
    }

    /** 409 naming the lines that could not be reserved; nothing stays reserved (the caller rolls back). */
    public static ProblemException insufficientStock(List<OrderApi.Line> lines, Set<String> shortSkus) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderApi.Line line = lines.get(i);
            if (shortSkus.contains(line.sku())) {
                errors.add(new Problem.FieldError(
                        "lines[" + i + "]", "not enough stock for " + line.sku() + " x" + line.qty()));
                names.add(line.sku());
            }
        }
        return new ProblemException(
                409,
                "insufficient-stock",
                "Not enough stock",
                "Nothing was reserved. Short lines: " + String.join(", ", names),
                errors);
    }
}
