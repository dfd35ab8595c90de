package io.omnigate.availability;

import io.omnigate.inventory.InventoryConfig;
import io.omnigate.network.LocationType;
import java.time.Duration;

/**
 * The settings that turn stock into promises, as plain values, so option builders are tested
 * without Quarkus.
 *
 * @param staleAfter a location's stock older than this is stale
 * @param staleBuffer units withheld from a stale location's available-to-promise
 * @param staleReadyBuffer added to the lead time of a location with stale stock
 * @param horizon how far ahead opening hours, capacity and inbound receipts are searched
 * @param lockerTransfer from a prepared order at its feeder to the locker
 * @param lockerHold how long a locker holds a parcel
 * @param dcToStore ship-to-store transfer from a DC
 * @param storeToStore ship-to-store transfer from another store
 */
record PromiseRules(
        Duration staleAfter,
        int staleBuffer,
        Duration staleReadyBuffer,
        Duration horizon,
        Duration lockerTransfer,
        Duration lockerHold,
        Duration dcToStore,
        Duration storeToStore) {

    static PromiseRules of(AvailabilityConfig availability, InventoryConfig inventory) {
        return new PromiseRules(
                inventory.staleAfter(),
                inventory.staleBuffer(),
                availability.staleReadyBuffer(),
                availability.horizon(),
                availability.lockerTransfer(),
                availability.lockerHold(),
                availability.shipToStore().dcToStore(),
                availability.shipToStore().storeToStore());
    }

    /** How long goods take from a feeder of this type to a pickup store. */
    Duration transferToStore(LocationType feeder) {
        return feeder == LocationType.DC ? dcToStore : storeToStore;
    }
}
