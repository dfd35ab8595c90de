package io.omnigate.inventory;

/**
 * What a reservation claims (the {@code reservation} table, migration V4): units on the shelf,
 * counted in {@code stock.reserved}, or units of an expected receipt, for a backorder.
 */
public enum ReservationKind {
    /** On-hand units; moves {@code stock.reserved}. */
    STOCK,
    /** Units of an inbound receipt not yet arrived; claimed against the receipts' sum, no counter. */
    INBOUND;

    /** The kind as a SQL literal, {@code 'STOCK'}, for a statement's text. */
    public String sql() {
        return "'" + name() + "'";
    }
}
