package io.omnigate.fulfillment;

import java.util.Map;

/**
 * Who collected a parcel, for proof of delivery: the customer or someone on their behalf (with an
 * optional name), and how the hand-over was checked. Recorded in the PICKED_UP event's payload,
 * and so in the order's history.
 */
public record HandOverProof(Collector collectedBy, String collectorName, Check check) {

    /** Whether the customer came in person. */
    public enum Collector {
        SELF,
        OTHER
    }

    /** How the hand-over was checked. */
    public enum Check {
        /** The pickup code was verified at a counter, kiosk or locker. */
        PICKUP_CODE,
        /** An associate handed it over on the store console without a code. */
        ASSOCIATE
    }

    /** Adds {@code collectedBy}, {@code collectorName} and {@code verifiedBy} to an event payload. */
    public Map<String, Object> addTo(Map<String, Object> payload) {
        if (collectedBy != null) {
            payload.put("collectedBy", collectedBy.name());
        }
        if (collectorName != null && !collectorName.isBlank()) {
            payload.put("collectorName", collectorName.strip());
        }
        payload.put("verifiedBy", check.name());
        return payload;
    }
}
