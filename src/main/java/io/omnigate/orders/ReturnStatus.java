package io.omnigate.orders;

/** Where a return stands: requested by the customer, then received by its location once. */
public enum ReturnStatus {
    /** The customer announced it; nothing is on the shelf yet. */
    REQUESTED,
    /** Received, and at least one unit went back on the shelf. */
    RESTOCKED,
    /** Received, and nothing could be restocked (damaged, opened, wrong item). */
    REFUSED;

    public boolean isReceived() {
        return this != REQUESTED;
    }

    static ReturnStatus afterReceipt(int unitsRestocked) {
        return unitsRestocked > 0 ? RESTOCKED : REFUSED;
    }

    /** The status as a SQL literal, {@code 'REQUESTED'}, for a statement's text. */
    public String sql() {
        return "'" + name() + "'";
    }
}
