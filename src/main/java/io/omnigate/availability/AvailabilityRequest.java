package io.omnigate.availability;

import io.omnigate.inventory.Sku;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The body of {@code POST /v1/availability}: a cart, where it should go, and how long the caller waits. */
public record AvailabilityRequest(
        @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid Line> lines,
        @NotNull @Valid Destination destination,
        @Size(max = 5) Set<@NotNull FulfillmentMethod> methods,
        @Size(max = 64) String preferredLocationId,
        @Min(1) @Max(20) Integer maxLocations,
        @Min(50) @Max(5000) Integer deadlineMs) {

    public record Line(
            @NotBlank @Pattern(regexp = Sku.PATTERN, message = "is not a valid SKU")
            String sku,

            @NotNull @Min(1) @Max(100_000) Integer qty) {}

    public record Destination(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Size(max = 16) String postalCode,
            @Size(max = 2) String country) {

        private boolean plainlyValid() {
            return lat != null
                    && lon != null
                    && lat >= -90
                    && lat <= 90
                    && lon >= -180
                    && lon <= 180
                    && (postalCode == null || postalCode.length() <= 16)
                    && (country == null || country.length() <= 2);
        }
    }

    private static final java.util.regex.Pattern SKU = java.util.regex.Pattern.compile(Sku.PATTERN);

    /**
     * Whether the constraints above plainly hold, checked by hand because the checkout call is
     * the hottest path and Bean Validation took 8 % of its CPU there. True only when every
     * annotation holds ({@code AvailabilityRequestCheckTest} holds the two to each other); false
     * sends the request through the validator, which names what is wrong.
     */
    boolean plainlyValid() {
        if (lines == null || lines.isEmpty() || lines.size() > 200) {
            return false;
        }
        for (Line line : lines) {
            if (line == null
                    || line.sku() == null
                    || line.qty() == null
                    || line.qty() < 1
                    || line.qty() > 100_000
                    || !SKU.matcher(line.sku()).matches()) {
                return false;
            }
        }
        return destination != null
                && destination.plainlyValid()
                && (methods == null || methods.size() <= 5 && methods.stream().allMatch(Objects::nonNull))
                && (preferredLocationId == null || preferredLocationId.length() <= 64)
                && (maxLocations == null || maxLocations >= 1 && maxLocations <= 20)
                && (deadlineMs == null || deadlineMs >= 50 && deadlineMs <= 5000);
    }
}
