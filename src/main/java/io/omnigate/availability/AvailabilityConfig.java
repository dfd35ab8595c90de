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
}
