package io.omnigate.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.network.LocationType;
import io.omnigate.network.TestLocations;
import io.omnigate.routing.SourcingPlanner.Candidate;
import io.omnigate.routing.SourcingPlanner.CartLine;
import io.omnigate.routing.SourcingPlanner.Plan;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcingPlannerTest {

    private static Candidate candidate(String id, double km, Map<String, Integer> atp) {
        return new Candidate(TestLocations.at(id, LocationType.STORE, 0, 0), km, atp, 0, 0);
    }

    private static List<String> ids(Plan plan) {
        return plan.shipments().stream().map(s -> s.from().location().id()).toList();
    }

    private final List<CartLine> cart = List.of(new CartLine("A", 2), new CartLine("B", 1));

    @Test
    void nearestCompleteLocationWins() {
        List<Plan> plans = SourcingPlanner.plan(
                cart,
                List.of(
                        candidate("FAR", 30, Map.of("A", 5, "B", 5)),
                        candidate("NEAR", 3, Map.of("A", 5, "B", 5)),
                        candidate("PARTIAL", 1, Map.of("A", 5))),
                RoutingPolicy.defaults(),
                5);

        assertEquals(List.of("NEAR"), ids(plans.get(0)));
        assertEquals(List.of("FAR"), ids(plans.get(1)));
        assertTrue(plans.stream().noneMatch(Plan::isSplit), "no split when one location can serve the cart");
    }

    @Test
    void cartNoSingleLocationCanServeIsSplitWithFewestShipments() {
        List<Plan> plans = SourcingPlanner.plan(
                List.of(new CartLine("A", 1), new CartLine("B", 1), new CartLine("C", 1)),
                List.of(
                        candidate("ONLY-A", 1, Map.of("A", 3)),
                        candidate("ONLY-B", 1, Map.of("B", 3)),
                        candidate("A-AND-B", 10, Map.of("A", 3, "B", 3)),
                        candidate("ONLY-C", 2, Map.of("C", 3))),
                RoutingPolicy.defaults(),
                5);

        assertEquals(1, plans.size());
        Plan split = plans.get(0);
        assertTrue(split.complete());
        assertEquals(List.of("A-AND-B", "ONLY-C"), ids(split));
    }

    @Test
    void splitRespectsTheShipmentLimitAndReportsWhatIsMissing() {
        RoutingPolicy oneShipment =
                new RoutingPolicy(1.0, 2.0, 25.0, 20.0, 10.0, 2, 50.0, EnumSet.of(LocationType.DC), true, 1);
        List<Plan> plans = SourcingPlanner.plan(
                cart, List.of(candidate("X", 1, Map.of("A", 2)), candidate("Y", 1, Map.of("B", 1))), oneShipment, 5);

        assertEquals(1, plans.size());
        assertFalse(plans.get(0).complete());
        assertEquals(1, plans.get(0).shipments().size());
    }

    @Test
    void policyWithoutSplitOffersNothingWhenNoSingleLocationServes() {
        RoutingPolicy noSplit =
                new RoutingPolicy(1.0, 2.0, 25.0, 20.0, 10.0, 2, 50.0, EnumSet.of(LocationType.DC), false, 3);
        List<Plan> plans = SourcingPlanner.plan(
                cart, List.of(candidate("X", 1, Map.of("A", 2)), candidate("Y", 1, Map.of("B", 1))), noSplit, 5);

        assertTrue(plans.isEmpty());
    }

    @Test
    void protectingLastUnitsPrefersALocationWithDepth() {
        RoutingPolicy protective =
                new RoutingPolicy(1.0, 2.0, 25.0, 20.0, 100.0, 3, 50.0, EnumSet.of(LocationType.DC), true, 3);
        List<Plan> plans = SourcingPlanner.plan(
                cart,
                List.of(candidate("THIN", 1, Map.of("A", 2, "B", 1)), candidate("DEEP", 20, Map.of("A", 50, "B", 50))),
                protective,
                5);

        assertEquals(List.of("DEEP"), ids(plans.get(0)));
        RoutingPolicy indifferent =
                new RoutingPolicy(1.0, 2.0, 25.0, 20.0, 0.0, 3, 50.0, EnumSet.of(LocationType.DC), true, 3);
        List<Candidate> same =
                List.of(candidate("THIN", 1, Map.of("A", 2, "B", 1)), candidate("DEEP", 20, Map.of("A", 50, "B", 50)));
        assertEquals(
                List.of("THIN"),
                ids(SourcingPlanner.plan(cart, same, indifferent, 5).get(0)));
    }
}
