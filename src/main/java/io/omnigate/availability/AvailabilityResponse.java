package io.omnigate.availability;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the checkout can offer for a cart: options per method, and whether any source was missing. */
public record AvailabilityResponse(
        String requestId, Instant generatedAt, boolean degraded, List<String> warnings, List<Option> options) {

    /** Where the stock behind an option was counted: live counters, or inbound/stale stock. */
    public enum Source {
        LIVE,
        NEAR_TIME
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(
            FulfillmentMethod method,
            String locationId,
            Double distanceKm,
            boolean complete,
            List<LineAvailability> lines,
            Instant readyAt,
            Window pickupWindow,
            String carrier,
            String service,
            Price price,
            LocalDate promisedBy,
            Source source,
            String fulfilledFromLocationId,
            List<Shipment> shipments) {}

    public record LineAvailability(String sku, int requested, int available) {}

    public record Window(Instant from, Instant to) {}

    public record Price(BigDecimal amount, String currency) {}

    /** One part of a split: what leaves which location, and when or how. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shipment(
            String locationId,
            List<ShipmentLine> lines,
            Instant readyAt,
            String carrier,
            String service,
            Price price,
            LocalDate promisedBy) {}

    public record ShipmentLine(String sku, int qty) {}
}
