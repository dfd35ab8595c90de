package io.omnigate.availability;

import io.omnigate.availability.AvailabilityResponse.Carriage;
import io.omnigate.availability.AvailabilityResponse.LineAvailability;
import io.omnigate.availability.AvailabilityResponse.Option;
import io.omnigate.availability.AvailabilityResponse.Price;
import io.omnigate.availability.AvailabilityResponse.Shipment;
import io.omnigate.availability.AvailabilityResponse.ShipmentLine;
import io.omnigate.availability.AvailabilityResponse.Source;
import io.omnigate.availability.AvailabilityResponse.Window;
import io.omnigate.carriers.Quote;
import io.omnigate.network.Nearby;
import io.omnigate.routing.SourcingPlanner;
import io.omnigate.routing.SourcingPlanner.Candidate;
import io.omnigate.routing.SourcingPlanner.Plan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options served by several locations together: a pickup across stores, a delivery in several parcels. */
final class SplitOptions {

    private static final int PICKUP_PLANS = 3;

    private SplitOptions() {}

    /** The routing planner's best complete split over the stores that have a pickup slot. */
    static Optional<Option> pickup(OptionInputs in, FulfillmentMethod method, List<Nearby> stores) {
        PromisableStock stock = in.stock();
        Map<String, PickupScheduler.Ready> readyById = new HashMap<>();
        List<Candidate> planned = new ArrayList<>();
        for (Nearby store : stores) {
            String id = store.location().id();
            Map<String, Integer> atp = stock.atp(id);
            // a store with none of the cart can be in no plan: skip its pickup slot's clock maths
            if (!stock.hasAny(atp)) {
                continue;
            }
            Optional<PickupScheduler.Ready> ready =
                    stock.nextPickup(store.location(), in.query().now());
            if (ready.isPresent()) {
                readyById.put(id, ready.get());
                planned.add(
                        new Candidate(store.location(), store.distanceKm(), atp, 0, stock.loadRatio(store.location())));
            }
        }
        Optional<Plan> split =
                SourcingPlanner.plan(in.query().cart(), planned, in.query().policy(), PICKUP_PLANS).stream()
                        .filter(p -> p.isSplit() && p.complete())
                        .findFirst();
        if (split.isEmpty()) {
            return Optional.empty();
        }
        List<Shipment> shipments = new ArrayList<>();
        Instant readyAt = in.query().now();
        Instant windowTo = null;
        boolean stale = false;
        for (SourcingPlanner.Shipment part : split.get().shipments()) {
            String id = part.from().location().id();
            PickupScheduler.Ready ready = readyById.get(id);
            readyAt = ready.readyAt().isAfter(readyAt) ? ready.readyAt() : readyAt;
            windowTo = windowTo == null || ready.windowTo().isBefore(windowTo) ? ready.windowTo() : windowTo;
            stale |= stock.stale(id);
            shipments.add(new Shipment(id, shipmentLines(part), ready.readyAt(), null, null, null, null));
        }
        SourcingPlanner.Shipment first = split.get().shipments().get(0);
        return Optional.of(Option.pickupSplit(
                method,
                first.from().location().id(),
                OptionInputs.round(first.from().distanceKm()),
                splitLines(stock, split.get()),
                new Window(readyAt, windowTo.isAfter(readyAt) ? windowTo : readyAt),
                stale ? Source.NEAR_TIME : Source.LIVE,
                shipments));
    }

    /** A delivery plan of several parcels, each with its origin's cheapest parcel service. */
    static Option ship(OptionInputs in, Plan plan) {
        List<Shipment> shipments = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        String currency = null;
        LocalDate promisedBy = null;
        boolean stale = false;
        Set<String> carriersUsed = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        for (SourcingPlanner.Shipment part : plan.shipments()) {
            String id = part.from().location().id();
            Quote cheapest = in.quotes().parcel(id).get(0);
            total = total.add(cheapest.amount());
            currency = cheapest.currency();
            if (promisedBy == null
                    || (cheapest.promisedBy() != null && cheapest.promisedBy().isAfter(promisedBy))) {
                promisedBy = cheapest.promisedBy();
            }
            stale |= in.stock().stale(id);
            carriersUsed.add(cheapest.carrier());
            services.add(cheapest.service());
            shipments.add(new Shipment(
                    id,
                    shipmentLines(part),
                    null,
                    cheapest.carrier(),
                    cheapest.service(),
                    new Price(cheapest.amount(), cheapest.currency()),
                    cheapest.promisedBy()));
        }
        SourcingPlanner.Shipment first = plan.shipments().get(0);
        Carriage carriage = new Carriage(
                carriersUsed.size() == 1 ? carriersUsed.iterator().next() : null,
                services.size() == 1 ? services.iterator().next() : null,
                new Price(total, currency),
                promisedBy);
        return Option.shipSplit(
                first.from().location().id(),
                OptionInputs.round(first.from().distanceKm()),
                splitLines(in.stock(), plan),
                carriage,
                stale ? Source.NEAR_TIME : Source.LIVE,
                shipments);
    }

    private static List<ShipmentLine> shipmentLines(SourcingPlanner.Shipment part) {
        return part.lines().stream()
                .map(l -> new ShipmentLine(l.sku(), l.qty()))
                .toList();
    }

    private static List<LineAvailability> splitLines(PromisableStock stock, Plan plan) {
        Map<String, Integer> covered = new HashMap<>();
        plan.shipments().forEach(s -> s.lines().forEach(l -> covered.merge(l.sku(), l.qty(), Integer::sum)));
        return stock.lines(covered);
    }
}
