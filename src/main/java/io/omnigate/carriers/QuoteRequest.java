package io.omnigate.carriers;

import io.omnigate.network.ParcelSize;
import java.time.Instant;
import java.util.List;

/** One rating question for many ship-from origins at once, so each carrier is called once per checkout. */
public record QuoteRequest(
        List<Origin> origins, Destination destination, int units, ParcelSize parcelSize, Instant requestedAt) {

    /** A ship-from location; {@code distanceKm} is to the destination. */
    public record Origin(String locationId, double lat, double lon, String timeZone, double distanceKm) {}

    public record Destination(double lat, double lon, String postalCode, String country) {}
}
