package io.omnigate.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** One real-time stock delta from a POS or WMS; {@code eventId} makes re-delivery harmless. */
public record Adjustment(
        @NotBlank @Size(max = 128) String eventId,
        @NotBlank @Size(max = 64) String locationId,
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
        @NotBlank @Size(max = 64) String reason,
        @NotNull OffsetDateTime occurredAt) {}
