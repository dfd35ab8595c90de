package io.omnigate.routing;

import io.omnigate.network.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks ways to source a cart: whole carts from one location first, a split across locations
 * (fewest shipments first) only when no single location can serve it or the policy finds the
 * split cheaper. Pure: availability and order placement both call it with what they fetched.
 */
public final class SourcingPlanner {

    private SourcingPlanner() {}

    public record CartLine(String sku, int qty) {}

    /** A location that might serve some of the cart, with what it has and what it costs. */
    public record Candidate(
            Location location, double distanceKm, Map<String, Integer> atp, double shippingCost, double loadRatio) {
        int available(String sku) {
            return atp.getOrDefault(sku, 0);
        }
    }

    public record Shipment(Candidate from, List<CartLine> lines) {}

    /** One way to source the cart; {@code complete} when every unit is covered. */
    public record Plan(List<Shipment> shipments, boolean complete, double score) {
        public boolean isSplit() {
            return shipments.size() > 1;
        }
    }

    public static List<Plan> plan(List<CartLine> cart, List<Candidate> candidates, RoutingPolicy policy, int maxPlans) {
        List<Plan> plans = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (covers(candidate, cart)) {
                plans.add(new Plan(
                        List.of(new Shipment(candidate, cart)),
                        true,
                        score(List.of(new Shipment(candidate, cart)), policy)));
            }
        }
        plans.sort(Comparator.comparingDouble(Plan::score));
        if (policy.allowSplit() && totalUnits(cart) > 1) {
            Plan split = split(cart, candidates, policy);
            boolean cheaper = !plans.isEmpty()
                    && split.complete()
                    && split.score() < plans.get(0).score();
            if (split.isSplit() && (plans.isEmpty() || cheaper)) {
                plans.add(cheaper ? 0 : plans.size(), split);
            } else if (plans.isEmpty() && !split.shipments().isEmpty()) {
                plans.add(split);
            }
        }
        return plans.size() <= maxPlans ? plans : List.copyOf(plans.subList(0, maxPlans));
    }

    /**
     * Greedy set cover: take the location that covers the most of what is still missing (cheapest
     * on ties), until everything is covered or the shipment limit is reached.
     */
    static Plan split(List<CartLine> cart, List<Candidate> candidates, RoutingPolicy policy) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        cart.forEach(line -> missing.merge(line.sku(), line.qty(), Integer::sum));
        List<Shipment> shipments = new ArrayList<>();
        List<Candidate> left = new ArrayList<>(candidates);
        while (!missing.isEmpty() && shipments.size() < policy.maxShipments() && !left.isEmpty()) {
            Candidate best = null;
            int bestUnits = 0;
            double bestCost = Double.MAX_VALUE;
            for (Candidate candidate : left) {
                int units = 0;
                for (Map.Entry<String, Integer> need : missing.entrySet()) {
                    units += Math.min(need.getValue(), candidate.available(need.getKey()));
                }
                double cost = shipmentScore(candidate, List.of(), policy);
                if (units > bestUnits || (units == bestUnits && units > 0 && cost < bestCost)) {
                    best = candidate;
                    bestUnits = units;
                    bestCost = cost;
                }
            }
            if (best == null) {
                break;
            }
            List<CartLine> taken = new ArrayList<>();
            for (Map.Entry<String, Integer> need : List.copyOf(missing.entrySet())) {
                int qty = Math.min(need.getValue(), best.available(need.getKey()));
                if (qty > 0) {
                    taken.add(new CartLine(need.getKey(), qty));
                    if (qty == need.getValue()) {
                        missing.remove(need.getKey());
                    } else {
                        missing.put(need.getKey(), need.getValue() - qty);
                    }
                }
            }
            shipments.add(new Shipment(best, taken));
            left.remove(best);
        }
        return new Plan(shipments, missing.isEmpty(), score(shipments, policy));
    }

    static double score(List<Shipment> shipments, RoutingPolicy policy) {
        double score = policy.shipmentWeight() * Math.max(0, shipments.size() - 1);
        for (Shipment shipment : shipments) {
            score += shipmentScore(shipment.from(), shipment.lines(), policy);
        }
        return score;
    }

    private static double shipmentScore(Candidate from, List<CartLine> lines, RoutingPolicy policy) {
        double score = policy.distanceWeight() * from.distanceKm()
                + policy.shippingCostWeight() * from.shippingCost()
                + policy.loadWeight() * from.loadRatio();
        for (CartLine line : lines) {
            if (from.available(line.sku()) - line.qty() < policy.protectLastUnits()) {
                score += policy.lastUnitsWeight();
            }
        }
        return score;
    }

    private static boolean covers(Candidate candidate, List<CartLine> cart) {
        for (CartLine line : cart) {
            if (candidate.available(line.sku()) < line.qty()) {
                return false;
            }
        }
        return !cart.isEmpty();
    }

    private static int totalUnits(List<CartLine> cart) {
        return cart.stream().mapToInt(CartLine::qty).sum();
    }
}
