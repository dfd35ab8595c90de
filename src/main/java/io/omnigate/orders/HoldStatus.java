package io.omnigate.orders;

import io.omnigate.inventory.ReservationStatus;

/**
 * Where a cart hold stands (the {@code hold} table, migration V4). A hold is {@link #ACTIVE} until
 * an order takes it over, its owner gives it back or its TTL passes; its reservations end with it.
 * Statements write a status through {@link #sql()}, as a literal: the partial indexes on
 * {@code hold} ({@code where status = 'ACTIVE'}, V4; {@code status <> 'ACTIVE'}, V15) serve only
 * statements that name it.
 */
public enum HoldStatus {
    /** Its stock is set aside for the checkout session. */
    ACTIVE,
    /** An order took it over; a second order may not. */
    CONSUMED,
    /** Its owner gave the stock back before the TTL. */
    RELEASED,
    /** Its TTL passed (the sweeper, or an order that found it due). */
    EXPIRED;

    /** Still sets stock aside; every other status is an end. */
    public boolean isLive() {
        return this == ACTIVE;
    }

    /** What the hold's reservations become when the hold takes this status. */
    public ReservationStatus reservations() {
        return switch (this) {
            case ACTIVE -> ReservationStatus.ACTIVE;
            case CONSUMED -> ReservationStatus.CONSUMED;
            case RELEASED -> ReservationStatus.RELEASED;
            case EXPIRED -> ReservationStatus.EXPIRED;
        };
    }

    public static HoldStatus of(String name) {
        return valueOf(name);
    }

    /** The status as a SQL literal, {@code 'ACTIVE'}, for a statement's text. */
    public String sql() {
        return "'" + name() + "'";
    }
}
