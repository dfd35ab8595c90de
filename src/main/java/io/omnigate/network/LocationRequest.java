package io.omnigate.network;

import io.omnigate.network.Location.HoursException;
import io.omnigate.network.Location.TimeRange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The body of {@code PUT /v1/locations/{id}}: everything an operator sets about a location. */
public record LocationRequest(
        @NotNull LocationType type,
        @NotBlank @Size(max = 200) String name,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @NotBlank @Size(max = 64) String timeZone,
        @Size(max = 6) Set<@NotNull Capability> capabilities,
        @Size(max = 7) Map<@NotNull DayOfWeek, @Size(max = 6) List<@NotNull @Valid TimeRange>> openingHours,
        @Size(max = 400) List<@NotNull @Valid HoursException> hoursExceptions,
        @Min(0) @Max(10_080) Integer pickupLeadMinutes,
        @Min(0) @Max(1_000_000) Integer hourlyCapacity,

        @Size(max = 3) Map<@NotNull ParcelSize, @NotNull @Min(0) @Max(10_000) Integer> compartments,

        @Size(max = 64) String parentLocationId,
        @Valid Location.Address address,
        @Min(0) @Max(1_000_000) Integer defaultSafetyStock) {}
