package io.omnigate.inventory;

import io.omnigate.network.ParcelSize;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A catalogue entry: stock feeds may only name SKUs that exist here. */
public record Sku(
        @NotBlank @Pattern(regexp = Sku.PATTERN, message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String sku,

        @NotBlank @Size(max = 300) String name,
        ParcelSize parcelSize) {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public ParcelSize parcelSizeOrDefault() {
        return parcelSize == null ? ParcelSize.DEFAULT : parcelSize;
    }
}
