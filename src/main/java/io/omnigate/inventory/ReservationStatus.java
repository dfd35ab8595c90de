package io.omnigate.inventory;

/**
 * Where a stock reservation stands (the {@code reservation} table, migration V4). Only an
 * {@link #ACTIVE} reservation holds units: {@code stock.reserved} is the sum of the ACTIVE
 * {@link ReservationKind#STOCK} reservations of its row. The other statuses say how it ended.
 *
 * <p>Statements write a status through {@link #sql()}, as a literal rather than a parameter: the
 * partial indexes on {@code reservation} ({@code where status = 'ACTIVE'}, V4; {@code status <>
 * 'ACTIVE'}, V15) serve only a statement whose predicate names the same literal.
 */
public enum ReservationStatus {
    /** Holds its units for an order's fulfillment or a cart hold. */
    ACTIVE,
    /** Given back: the order or hold was cancelled, changed, re-routed or released. */
    RELEASED,
    /** Its hold was taken over by an order, which reserved the units again under its own name. */
    CONSUMED,
    /** Its hold or fulfillment ran out of time. */
    EXPIRED,
    /** The goods left with the customer or the carrier and off the shelf count. */
    FULFILLED;

    /** Still holds its units; every other status is an end. */
    public boolean isLive() {
        return this == ACTIVE;
    }

    /** The status as a SQL literal, {@code 'ACTIVE'}, for a statement's text. */
    public String sql() {
        return "'" + name() + "'";
    }
}
