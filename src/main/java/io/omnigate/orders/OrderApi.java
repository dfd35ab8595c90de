package io.omnigate.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnigate.customers.Channel;
import io.omnigate.customers.CustomerApi;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The records orders, holds and returns exchange over HTTP. */
public final class OrderApi {

    private OrderApi() {}

    /** How the customer receives the goods. */
    public enum Method {
        PICKUP,
        CURBSIDE,
        LOCKER,
        SHIP,
        SAME_DAY;

        public boolean isPickup() {
            return this == PICKUP || this == CURBSIDE || this == LOCKER;
        }
    }

    /** STOCK reserves on-hand units; BACKORDER claims expected receipts; PREORDER reserves nothing yet. */
    public enum LineMode {
        STOCK,
        BACKORDER,
        PREORDER
    }

    public enum ReturnMethod {
        IN_STORE,
        MAIL,
        LOCKER
    }

    public record Line(
            @NotBlank @Pattern(regexp = Sku.PATTERN, message = "is not a valid SKU")
            String sku,

            @NotNull @Min(1) @Max(10_000) Integer qty,
            LineMode mode) {
        public LineMode modeOrStock() {
            return mode == null ? LineMode.STOCK : mode;
        }
    }

    public record Destination(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Size(max = 16) String postalCode,
            @Size(max = 2) String country) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(
            @Size(max = 128) String name,
            @Size(max = 256) String line1,
            @Size(max = 128) String city,
            @Size(max = 16) String postalCode,
            @Size(max = 2) String country) {}

    public record PlaceOrderRequest(
            @NotNull Method method,
            @Size(max = 64) String locationId,
            @Valid Destination destination,
            @Valid Address shippingAddress,
            @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lines,
            @Size(max = 64) String holdId,
            Boolean allowBackorder,
            Boolean allowPreorder,
            /* Ship-to-store: the DC or store that feeds the pickup store, from a TRANSFER option. */
            @Size(max = 64) String fulfilledFromLocationId,
            @Valid CustomerApi.Customer customer,
            Channel channel,
            @Size(max = 64) String carrier,
            /* What the chosen availability option promised the customer; KPIs measure against it. */
            Promise promise) {}

    /** A promise made at placement: ready for pickup at {@code readyAt}, delivered by {@code promisedBy}. */
    public record Promise(Instant readyAt, LocalDate promisedBy) {}

    public record HoldRequest(
            @NotNull Method method,
            @Size(max = 64) String locationId,
            @Valid Destination destination,
            @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lines,
            @Min(10) @Max(86_400) Integer ttlSeconds) {}

    public record PatchOrderRequest(
            @Size(max = 64) String pickupLocationId, @Valid Address shippingAddress) {}

    public record ReturnLine(
            @NotBlank @Pattern(regexp = Sku.PATTERN, message = "is not a valid SKU")
            String sku,

            @NotNull @Min(1) @Max(10_000) Integer qty,
            Boolean restockable) {}

    public record ReturnRequest(
            @NotNull ReturnMethod method,
            @NotBlank @Size(max = 64) String locationId,
            @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid ReturnLine> lines) {}

    public record RejectLine(
            @NotBlank @Pattern(regexp = Sku.PATTERN, message = "is not a valid SKU")
            String sku,

            @NotNull @Min(1) @Max(10_000) Integer qty) {}

    public record LineView(String sku, int qty, LineMode mode) {

        /** The lines as an order shows them, each with its mode (STOCK when none was asked for). */
        public static List<LineView> of(List<Line> lines) {
            return lines.stream()
                    .map(l -> new LineView(l.sku(), l.qty(), l.modeOrStock()))
                    .toList();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FulfillmentView(
            String id,
            String locationId,
            Method method,
            String status,
            String reason,
            List<LineView> lines,
            String pickupLocationId,
            String compartment,
            Instant readyAt,
            String pickupCode) {

        /** A fulfillment that is not ready for pickup yet. */
        public FulfillmentView(
                String id, String locationId, Method method, String status, String reason, List<LineView> lines) {
            this(id, locationId, method, status, reason, lines, null, null, null, null);
        }

        public FulfillmentView withPickupCode(String code) {
            return new FulfillmentView(
                    id, locationId, method, status, reason, lines, pickupLocationId, compartment, readyAt, code);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderView(
            String id,
            String status,
            Method method,
            String pickupLocationId,
            Destination destination,
            Address shippingAddress,
            String holdId,
            Instant createdAt,
            List<FulfillmentView> fulfillments,
            String accessToken,
            CustomerApi.OrderCustomer customer) {

        /** An order as stored, without the placement answer's customer part. */
        public OrderView(
                String id,
                String status,
                Method method,
                String pickupLocationId,
                Destination destination,
                Address shippingAddress,
                String holdId,
                Instant createdAt,
                List<FulfillmentView> fulfillments,
                String accessToken) {
            this(
                    id,
                    status,
                    method,
                    pickupLocationId,
                    destination,
                    shippingAddress,
                    holdId,
                    createdAt,
                    fulfillments,
                    accessToken,
                    null);
        }

        public OrderView withCustomer(CustomerApi.OrderCustomer placed) {
            return new OrderView(
                    id,
                    status,
                    method,
                    pickupLocationId,
                    destination,
                    shippingAddress,
                    holdId,
                    createdAt,
                    fulfillments,
                    accessToken,
                    placed);
        }

        public OrderView withFulfillments(List<FulfillmentView> replaced) {
            return new OrderView(
                    id,
                    status,
                    method,
                    pickupLocationId,
                    destination,
                    shippingAddress,
                    holdId,
                    createdAt,
                    replaced,
                    accessToken,
                    customer);
        }

        public OrderView withAccessToken(String token) {
            return new OrderView(
                    id,
                    status,
                    method,
                    pickupLocationId,
                    destination,
                    shippingAddress,
                    holdId,
                    createdAt,
                    fulfillments,
                    token,
                    customer);
        }
    }

    public record HoldView(String id, String status, Instant expiresAt, List<FulfillmentView> allocations) {}
}
