package io.omnigate.availability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Budgets and reach of the availability call. */
@ConfigMapping(prefix = "omnigate.availability")
public interface AvailabilityConfig {

    /** Overall deadline when the request names none; a request's deadlineMs may only lower it. */
    @WithDefault("PT0.8S")
    Duration defaultDeadline();

    /** Time kept back from the deadline to assemble the answer after the sources reply. */
    @WithDefault("PT0.02S")
    Duration assemblyReserve();

    /** Longest wait for the stock read, within the deadline. */
    @WithDefault("PT0.5S")
    Duration stockTimeout();

    /** Longest wait for any carrier's quotes, within the deadline. */
    @WithDefault("PT0.6S")
    Duration carrierTimeout();

    /** Pickup stores considered per request (nearest first, within the policy's max pickup distance). */
    @WithDefault("20")
    int pickupCandidates();

    /** Ship-from locations considered per request, nearest to the destination first. */
    @WithDefault("8")
    int shipCandidates();

    /** Same-day stores must be this close to the destination. */
    @WithDefault("30")
    double sameDayRadiusKm();

    /** Same-day stores considered per request. */
    @WithDefault("5")
    int sameDayCandidates();

    /** Lockers must be this close to the destination. */
    @WithDefault("10")
    double lockerRadiusKm();

    /** A locker is fed from its parent location or a store/DC this close to it. */
    @WithDefault("30")
    double lockerFeederRadiusKm();

    /** Time to carry a prepared order from its feeder to a locker. */
    @WithDefault("PT3H")
    Duration lockerTransfer();

    /** How long a locker holds a parcel for collection: the locker pickup window. */
    @WithDefault("P3D")
    Duration lockerHold();

    /** Extra time before an order from a location with stale stock counts can be promised ready. */
    @WithDefault("PT1H")
    Duration staleReadyBuffer();

    /** How far ahead opening hours, store capacity and inbound receipts are searched. */
    @WithDefault("P7D")
    Duration horizon();

    /** Ship-to-store: a pickup store without the stock, fed by a DC or another store. */
    ShipToStore shipToStore();

    /** Which stores are offered with transferred stock, from where, and how long the transfer takes. */
    interface ShipToStore {

        /** Offer PICKUP and CURBSIDE at stores lacking the stock when a feeder can transfer it. */
        @WithDefault("true")
        boolean enabled();

        /** The nearest pickup stores per request (plus the preferred one) that may be offered with a transfer. */
        @WithDefault("3")
        int storesPerRequest();

        /** A pickup store is fed from DCs and ship-from stores this close to it. */
        @WithDefault("300")
        double feederRadiusKm();

        /** Feeders considered per pickup store, nearest first. */
        @WithDefault("3")
        int feedersPerStore();

        /** Transfer lead time from a DC to a store: from prepared at the DC to arrived at the store. */
        @WithDefault("PT24H")
        Duration dcToStore();

        /** Transfer lead time from one store to another. */
        @WithDefault("PT4H")
        Duration storeToStore();
    }
}
