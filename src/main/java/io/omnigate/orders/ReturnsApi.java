package io.omnigate.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnigate.inventory.Sku;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The records of returns over HTTP: the request, the receipt and the record both answer with. */
public final class ReturnsApi {

    private ReturnsApi() {}

    /** What the receiving location puts back on the shelf, per SKU; SKUs left out are refused. */
    public record ReceiptRequest(@NotNull @Size(max = 100) List<@NotNull @Valid ReceiptLine> lines) {}

    public record ReceiptLine(
            @NotBlank @Pattern(regexp = Sku.PATTERN, message = "is not a valid SKU")
            String sku,

            @NotNull @Min(0) @Max(10_000) Integer restock) {}

    /**
     * One line of a return: {@code restockable} is what the customer declared, {@code restocked}
     * what the receipt put back (absent until received).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReturnLineView(String sku, int qty, boolean restockable, Integer restocked) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReturnView(
            String id,
            String orderId,
            OrderApi.ReturnMethod method,
            String locationId,
            String restockLocationId,
            ReturnStatus status,
            List<ReturnLineView> lines,
            Instant requestedAt,
            Instant receivedAt) {}
}
