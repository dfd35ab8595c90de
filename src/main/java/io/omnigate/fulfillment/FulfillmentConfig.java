package io.omnigate.fulfillment;

import io.omnigate.network.ParcelSize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The store and locker workflow: pickup expiry, locker parcels, pickup codes and their lockout. */
@ConfigMapping(prefix = "omnigate.fulfillment")
public interface FulfillmentConfig {

    /** A parcel READY_FOR_PICKUP that is not collected within this time expires and its stock goes back. */
    @WithDefault("P5D")
    Duration pickupExpiry();

    /** How often each instance looks for expired parcels. */
    @WithDefault("PT1M")
    Duration expiryCheckInterval();

    /** The locker compartment size asked for when a READY_FOR_PICKUP transition names no parcelSize. */
    @WithDefault("M")
    ParcelSize defaultParcelSize();

    /**
     * Secret from which the pickup-code sealing key and hash pepper are derived. Unset: derived from
     * the token signing key, which every instance of a deployment shares. Set it (32+ characters,
     * the same on every instance) to rotate signing keys without losing codes already sent.
     */
    Optional<String> pickupCodeSecret();

    /** Wrong pickup codes a pickup point may send within {@link #failureWindow()} before it is locked out. */
    @WithDefault("5")
    int maxFailedCodes();

    /** The window in which wrong codes are counted, from the first wrong code. */
    @WithDefault("PT15M")
    Duration failureWindow();

    /** How long a pickup point is locked out once it reached {@link #maxFailedCodes()}. */
    @WithDefault("PT15M")
    Duration lockout();
}
