package io.omnigate.fulfillment;

import io.omnigate.orders.OrderApi;
import io.omnigate.orders.OrderRepository;
import io.omnigate.platform.ProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a store cannot fill of one fulfillment: the stock units missing per SKU, whether that is
 * the whole fulfillment, and the lines to source elsewhere. Pure, decided before anything changes.
 *
 * @param missingBySku stock units the store gives up, per SKU, in SKU order
 * @param whole the fulfillment is rejected as a whole (every line goes), not short-picked
 * @param toReroute the lines to place elsewhere: the missing units, and with a whole reject its
 *     backorder and preorder lines too (as stock)
 */
record Shortfall(Map<String, Integer> missingBySku, boolean whole, List<OrderApi.Line> toReroute) {

    /**
     * The shortfall of rejecting {@code missing} of {@code target}, or all of it when {@code missing}
     * is null or empty; a line the fulfillment does not hold in that quantity is a 422.
     */
    static Shortfall of(OrderRepository.StoredFulfillment target, List<OrderApi.RejectLine> missing) {
        Map<String, Integer> stockQty = new TreeMap<>();
        List<OrderApi.LineView> otherLines = new ArrayList<>();
        for (OrderApi.LineView line : target.lines()) {
            if (line.mode() == OrderApi.LineMode.STOCK) {
                stockQty.merge(line.sku(), line.qty(), Integer::sum);
            } else if (line.qty() > 0) {
                otherLines.add(line);
            }
        }
        boolean all = missing == null || missing.isEmpty();
        Map<String, Integer> missingBySku = all ? allStock(stockQty) : named(target.id(), missing, stockQty);
        boolean whole = all || (otherLines.isEmpty() && stockQty.equals(withZeros(missingBySku, stockQty)));
        List<OrderApi.Line> toReroute = new ArrayList<>();
        missingBySku.forEach((sku, qty) -> toReroute.add(new OrderApi.Line(sku, qty, OrderApi.LineMode.STOCK)));
        if (whole) {
            otherLines.forEach(l -> toReroute.add(new OrderApi.Line(l.sku(), l.qty(), OrderApi.LineMode.STOCK)));
        }
        return new Shortfall(Collections.unmodifiableMap(missingBySku), whole, List.copyOf(toReroute));
    }

    private static Map<String, Integer> allStock(Map<String, Integer> stockQty) {
        Map<String, Integer> missingBySku = new TreeMap<>();
        stockQty.forEach((sku, qty) -> {
            if (qty > 0) {
                missingBySku.put(sku, qty);
            }
        });
        return missingBySku;
    }

    private static Map<String, Integer> named(
            String fulfillmentId, List<OrderApi.RejectLine> missing, Map<String, Integer> stockQty) {
        Map<String, Integer> missingBySku = new TreeMap<>();
        for (OrderApi.RejectLine line : missing) {
            missingBySku.merge(line.sku(), line.qty(), Integer::sum);
        }
        missingBySku.forEach((sku, qty) -> {
            if (stockQty.getOrDefault(sku, 0) < qty) {
                throw ProblemException.unprocessable(
                        "not-in-fulfillment",
                        "Line not in fulfillment",
                        "Fulfillment " + fulfillmentId + " holds fewer than " + qty + " x " + sku + ".");
            }
        });
        return missingBySku;
    }

    /** {@code missing} over every SKU of {@code stockQty} (0 where nothing is missing). */
    private static Map<String, Integer> withZeros(Map<String, Integer> missing, Map<String, Integer> stockQty) {
        Map<String, Integer> full = new TreeMap<>();
        stockQty.keySet().forEach(sku -> full.put(sku, missing.getOrDefault(sku, 0)));
        return full;
    }
}
