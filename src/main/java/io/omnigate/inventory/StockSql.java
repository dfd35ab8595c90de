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

    /**
     * Units withheld from a location whose stock was last synced longer than {@code staleAfter}
     * ago (or never): the same rule the ATP views show as NEAR_TIME, so reservations cannot sell
     * what the buffer protects. Both values come from configuration, never from a request.
     */
    public static String staleBuffer(java.time.Duration staleAfter, int buffer) {
        return "(case when l.stock_synced_at is null or l.stock_synced_at < now() - interval '" + staleAfter.toMillis()
                + " milliseconds' then " + Math.max(0, buffer) + " else 0 end)";
    }

    /** ATP with the stale buffer taken off, never below zero: what a reservation may take. */
    public static String reservable(java.time.Duration staleAfter, int buffer) {
        return "greatest(s.on_hand - s.reserved - " + SAFETY + " - " + staleBuffer(staleAfter, buffer) + ", 0)";
    }

    private StockSql() {}
}
