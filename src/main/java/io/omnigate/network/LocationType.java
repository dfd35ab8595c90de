package io.omnigate.network;

/** What kind of place a location is; decides which fulfillment roles it can play. */
public enum LocationType {
    STORE,
    DC,
    LOCKER,
    SUPPLIER
}
