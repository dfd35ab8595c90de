package io.omnigate.availability;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the checkout can offer for a cart: options per method, and whether any source was missing. */
@JsonSerialize(using = AvailabilityJson.class)
public record AvailabilityResponse(
        String requestId, Instant generatedAt, boolean degraded, List<String> warnings, List<Option> options) {

    /**
     * Where the stock behind an option was counted: live counters at the location itself, inbound or
     * stale stock, or another location's live stock carried to the pickup store (ship-to-store).
     */
    public enum Source {
        LIVE,
        NEAR_TIME,
        TRANSFER
    }

    /**
     * One way to receive the cart. Built through the named factories below, one per kind of option,
     * so no caller lines up fourteen positional fields.
     */
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
            List<Shipment> shipments) {

        /** PICKUP or CURBSIDE at a store, from its own shelf (or its own inbound, as NEAR_TIME). */
        public static Option atStore(
                FulfillmentMethod method,
                String storeId,
                double distanceKm,
                List<LineAvailability> lines,
                Window window,
                Source source) {
            return new Option(
                    method,
                    storeId,
                    distanceKm,
                    true,
                    lines,
                    window.from(),
                    window,
                    null,
                    null,
                    null,
                    null,
                    source,
                    null,
                    null);
        }

        /** PICKUP or CURBSIDE at a store, with the goods carried there from {@code feederId} (ship-to-store). */
        public static Option transferredToStore(
                FulfillmentMethod method,
                String storeId,
                double distanceKm,
                List<LineAvailability> lines,
                Window window,
                String feederId) {
            return new Option(
                    method,
                    storeId,
                    distanceKm,
                    true,
                    lines,
                    window.from(),
                    window,
                    null,
                    null,
                    null,
                    null,
                    Source.TRANSFER,
                    feederId,
                    null);
        }

        /** A locker compartment, fed by {@code feederId}. */
        public static Option atLocker(
                String lockerId,
                double distanceKm,
                List<LineAvailability> lines,
                Window window,
                Source source,
                String feederId) {
            return new Option(
                    FulfillmentMethod.LOCKER,
                    lockerId,
                    distanceKm,
                    true,
                    lines,
                    window.from(),
                    window,
                    null,
                    null,
                    null,
                    null,
                    source,
                    feederId,
                    null);
        }

        /** SHIP or SAME_DAY from one location with one carrier service. */
        public static Option delivered(
                FulfillmentMethod method,
                String fromId,
                double distanceKm,
                boolean complete,
                List<LineAvailability> lines,
                Instant readyAt,
                Carriage carriage,
                Source source) {
            return new Option(
                    method,
                    fromId,
                    distanceKm,
                    complete,
                    lines,
                    readyAt,
                    null,
                    carriage.carrier(),
                    carriage.service(),
                    carriage.price(),
                    carriage.promisedBy(),
                    source,
                    null,
                    null);
        }

        /** A pickup served by several stores together: ready when the last part is. */
        public static Option pickupSplit(
                FulfillmentMethod method,
                String firstId,
                double distanceKm,
                List<LineAvailability> lines,
                Window window,
                Source source,
                List<Shipment> shipments) {
            return new Option(
                    method,
                    firstId,
                    distanceKm,
                    true,
                    lines,
                    window.from(),
                    window,
                    null,
                    null,
                    null,
                    null,
                    source,
                    null,
                    shipments);
        }

        /** A delivery in several parcels; carrier and service are named only when every parcel shares them. */
        public static Option shipSplit(
                String firstId,
                double distanceKm,
                List<LineAvailability> lines,
                Carriage carriage,
                Source source,
                List<Shipment> shipments) {
            return new Option(
                    FulfillmentMethod.SHIP,
                    firstId,
                    distanceKm,
                    true,
                    lines,
                    null,
                    null,
                    carriage.carrier(),
                    carriage.service(),
                    carriage.price(),
                    carriage.promisedBy(),
                    source,
                    null,
                    shipments);
        }
    }

    /** Who carries a parcel, how, for how much and by when. */
    public record Carriage(String carrier, String service, Price price, LocalDate promisedBy) {}

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
