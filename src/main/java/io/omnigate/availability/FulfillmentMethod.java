package io.omnigate.availability;

/** How a customer can receive a cart. */
public enum FulfillmentMethod {
    PICKUP,
    CURBSIDE,
    LOCKER,
    SHIP,
    SAME_DAY
}
