package io.omnigate.network;

/** A service a location offers; availability only offers a method where the capability is present. */
public enum Capability {
    PICKUP,
    CURBSIDE,
    LOCKER,
    SHIP_FROM,
    SAME_DAY,
    RETURNS
}
