package io.omnigate.inventory;

/**
 * SQL fragments that define available-to-promise once, for every feature that reads stock.
 * Expects {@code stock s} joined to {@code location l}.
 */
public final class StockSql {

    /** Safety stock in force: the SKU's own, else the location's default. */
    public static final String SAFETY = "coalesce(s.safety_stock, l.default_safety_stock)";

    /** Available to promise, never below zero. */
    public static final String ATP = "greatest(s.on_hand - s.reserved - " + SAFETY + ", 0)";

    private StockSql() {}
}
