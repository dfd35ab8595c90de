package io.omnigate.orders;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads orders, and the helpers the order operations share; placement, cancellation, changes and
 * returns have their own classes ({@link OrderPlacement}, {@link OrderCancellation},
 * {@link OrderChange}, {@link OrderReturns}).
 */
@ApplicationScoped
public class OrderService {

    private final OrderRepository orders;

    OrderService(OrderRepository orders) {
        this.orders = orders;
    }

    static Set<String> uncovered(List<OrderApi.Line> wanted, List<Sourcing.Allocation> allocations) {
        Map<String, Integer> covered = new HashMap<>();
        allocations.forEach(a -> a.lines().forEach(l -> covered.merge(l.sku(), l.qty(), Integer::sum)));
        Set<String> missing = new TreeSet<>();
        for (OrderApi.Line line : wanted) {
            if (covered.getOrDefault(line.sku(), 0) < line.qty()) {
                missing.add(line.sku());
            }
        }
        return missing.isEmpty() ? skus(wanted) : missing;
    }

    static Set<String> skus(List<OrderApi.Line> lines) {
        Set<String> skus = new TreeSet<>();
        lines.forEach(l -> skus.add(l.sku()));
        return skus;
    }

    // ---------------------------------------------------------------- reading

    public Uni<OrderApi.OrderView> get(String orderId) {
        return orders.view(orderId);
    }

    /**
     * The order as its customer sees it: each parcel waiting for pickup with its code, unsealed
     * from the READY_FOR_PICKUP event (the code is stored nowhere in plaintext).
     */
    public Uni<OrderApi.OrderView> getWithPickupCodes(
            String orderId, String sealedField, Function<String, Optional<String>> unseal) {
        return orders.view(orderId).chain(view -> {
            if (view.fulfillments().stream().noneMatch(OrderService::waitsForPickup)) {
                return Uni.createFrom().item(view);
            }
            return orders.sealedPickupCodes(orderId, sealedField)
                    .map(sealedCodes -> view.withFulfillments(view.fulfillments().stream()
                            .map(f -> waitsForPickup(f)
                                    ? f.withPickupCode(unseal.apply(sealedCodes.get(f.id()))
                                            .orElse(null))
                                    : f)
                            .toList()));
        });
    }

    private static boolean waitsForPickup(OrderApi.FulfillmentView f) {
        return FulfillmentStatus.of(f.status()) == FulfillmentStatus.READY_FOR_PICKUP;
    }
}
