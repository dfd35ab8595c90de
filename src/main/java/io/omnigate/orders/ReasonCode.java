package io.omnigate.orders;

/**
 * Why a store rejected or cancelled a fulfillment, or why an order was cancelled. Events carry the
 * code as {@code reasonCode} beside the free-text {@code reason}, so KPIs can count them.
 */
public enum ReasonCode {
    /** The shelf had fewer units than the system believed. */
    OUT_OF_STOCK,
    /** The units are there but cannot be sold. */
    DAMAGED,
    /** The units should be there but nobody can find them. */
    NOT_FOUND,
    /** The store cannot prepare it in time (staff, hours, capacity). */
    STORE_CAPACITY,
    /** The customer asked for it. */
    CUSTOMER_REQUEST,
    /** The customer never came. */
    CUSTOMER_NO_SHOW,
    /** Payment or fraud check failed. */
    PAYMENT_OR_FRAUD,
    /** Anything else; the free text says what. */
    OTHER;

    /** The store's stock count was wrong. */
    public boolean isStockProblem() {
        return this == OUT_OF_STOCK || this == DAMAGED || this == NOT_FOUND;
    }

    /** Caused by the customer, not the store. */
    public boolean isCustomerSide() {
        return this == CUSTOMER_REQUEST || this == CUSTOMER_NO_SHOW;
    }
}
