package io.omnigate.routing;

import io.omnigate.network.LocationType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Set;

/**
 * The weights and limits that rank candidate sourcings. A lower score is better: each weight
 * is the cost of one unit of what it names. Operators change it at runtime; each change is a
 * new version.
 */
public record RoutingPolicy(
        /* Cost per km between the location and the customer (or pickup point). */
        @NotNull @DecimalMin("0") @DecimalMax("1000") Double distanceWeight,
        /* Cost per currency unit of the carrier's price. */
        @NotNull @DecimalMin("0") @DecimalMax("1000") Double shippingCostWeight,
        /* Cost of each shipment beyond the first: consolidation. */
        @NotNull @DecimalMin("0") @DecimalMax("100000") Double shipmentWeight,
        /* Cost per unit of load ratio (orders assigned this hour / hourly capacity). */
        @NotNull @DecimalMin("0") @DecimalMax("100000") Double loadWeight,
        /* Cost of each line that would leave a location below protectLastUnits. */
        @NotNull @DecimalMin("0") @DecimalMax("100000") Double lastUnitsWeight,
        /* A location whose ATP would fall below this after the order is "down to its last units". */
        @NotNull @Min(0) @Max(1000) Integer protectLastUnits,
        /* Pickup and curbside are offered only this close to the customer. */
        @NotNull @DecimalMin("0") @DecimalMax("20000") Double maxPickupDistanceKm,
        /* Location types allowed to ship parcels. */
        @NotNull @Size(min = 1) Set<@NotNull LocationType> shipFromTypes,
        /* Whether an order may be split across locations when no single one can serve it. */
        @NotNull Boolean allowSplit,
        /* Most shipments one order may be split into. */
        @NotNull @Min(1) @Max(10) Integer maxShipments) {

    public static RoutingPolicy defaults() {
        return new RoutingPolicy(
                1.0, 2.0, 25.0, 20.0, 10.0, 2, 50.0, EnumSet.of(LocationType.DC, LocationType.STORE), true, 3);
    }
}
