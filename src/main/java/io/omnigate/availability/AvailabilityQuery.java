package io.omnigate.availability;

import io.omnigate.routing.RoutingPolicy;
import io.omnigate.routing.SourcingPlanner.CartLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A checkout question, normalised: merged lines, the methods asked for, limits, the instant and the policy in force. */
record AvailabilityQuery(
        AvailabilityRequest body,
        List<CartLine> cart,
        Set<FulfillmentMethod> methods,
        int maxLocations,
        Instant now,
        RoutingPolicy policy) {

    static final int DEFAULT_MAX_LOCATIONS = 3;

    static AvailabilityQuery of(AvailabilityRequest body, Instant now, RoutingPolicy policy) {
        return new AvailabilityQuery(
                body,
                mergeLines(body.lines()),
                body.methods() == null || body.methods().isEmpty()
                        ? EnumSet.allOf(FulfillmentMethod.class)
                        : EnumSet.copyOf(body.methods()),
                body.maxLocations() == null ? DEFAULT_MAX_LOCATIONS : body.maxLocations(),
                now,
                policy);
    }

    double lat() {
        return body.destination().lat();
    }

    double lon() {
        return body.destination().lon();
    }

    String preferredLocationId() {
        return body.preferredLocationId();
    }

    List<String> skus() {
        return cart.stream().map(CartLine::sku).toList();
    }

    int units() {
        return cart.stream().mapToInt(CartLine::qty).sum();
    }

    boolean wants(FulfillmentMethod method) {
        return methods.contains(method);
    }

    boolean wantsPickupAtStore() {
        return wants(FulfillmentMethod.PICKUP) || wants(FulfillmentMethod.CURBSIDE);
    }

    private static List<CartLine> mergeLines(List<AvailabilityRequest.Line> lines) {
        Map<String, Integer> merged = new LinkedHashMap<>();
        lines.forEach(line -> merged.merge(line.sku(), line.qty(), Integer::sum));
        List<CartLine> cart = new ArrayList<>();
        merged.forEach((sku, qty) -> cart.add(new CartLine(sku, qty)));
        return cart;
    }
}
