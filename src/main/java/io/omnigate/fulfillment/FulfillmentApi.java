package io.omnigate.fulfillment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnigate.network.ParcelSize;
import io.omnigate.orders.FulfillmentStatus;
import io.omnigate.orders.OrderApi;
import io.omnigate.orders.ReasonCode;
import io.omnigate.platform.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records of the store and pickup workflow over HTTP. */
public final class FulfillmentApi {

    /** Transitions one bulk request may carry. */
    public static final int MAX_BULK = 100;

    private FulfillmentApi() {}

    /**
     * {@code lines} only with REJECTED (short pick); {@code parcelSize} only matters for a LOCKER
     * fulfillment going READY_FOR_PICKUP; {@code reasonCode} is recorded with REJECTED and
     * CANCELLED (OTHER when absent); {@code collectedBy} and {@code collectorName} with PICKED_UP.
     */
    public record TransitionRequest(
            @NotBlank @Size(max = 32) String to,
            @Size(max = 512) String reason,
            @Size(max = 100) List<OrderApi.@NotNull @Valid RejectLine> lines,
            ParcelSize parcelSize,
            ReasonCode reasonCode,
            HandOverProof.Collector collectedBy,
            @Size(max = 128) String collectorName) {

        public TransitionRequest(String to, String reason, List<OrderApi.RejectLine> lines, ParcelSize parcelSize) {
            this(to, reason, lines, parcelSize, null, null, null);
        }

        /** What the transition to {@code to} records beside its reason: a cancel's reason code, a hand-over's proof. */
        Map<String, Object> details(FulfillmentStatus to) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (to == FulfillmentStatus.CANCELLED) {
                details.put("reasonCode", (reasonCode == null ? ReasonCode.OTHER : reasonCode).name());
            } else if (to == FulfillmentStatus.PICKED_UP) {
                new HandOverProof(collectedBy, collectorName, HandOverProof.Check.ASSOCIATE).addTo(details);
            }
            return details;
        }
    }

    /**
     * The fulfillment moved, its order after the transition and, for REJECTED, what was re-routed.
     * For an admin {@code order} is the whole order; for a store device only its {@code id} and
     * derived {@code status}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransitionResult(
            OrderApi.OrderView order,
            OrderApi.FulfillmentView fulfillment,
            List<OrderApi.LineView> rerouted,
            List<OrderApi.LineView> unfulfillable) {}

    public record BulkItem(
            @NotBlank @Size(max = 64) String fulfillmentId,
            @NotBlank @Size(max = 32) String to,
            @Size(max = 512) String reason,
            ParcelSize parcelSize,
            ReasonCode reasonCode) {

        public BulkItem(String fulfillmentId, String to, String reason, ParcelSize parcelSize) {
            this(fulfillmentId, to, reason, parcelSize, null);
        }

        TransitionRequest toRequest() {
            return new TransitionRequest(to, reason, null, parcelSize, reasonCode, null, null);
        }
    }

    public record BulkRequest(
            @NotNull @Size(min = 1, max = MAX_BULK) List<@NotNull @Valid BulkItem> transitions) {}

    /** One item's outcome: {@code status} is the HTTP status it would have had alone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BulkOutcome(
            String fulfillmentId,
            String to,
            int status,
            String fulfillmentStatus,
            String orderId,
            String orderStatus,
            Problem problem) {}

    public record BulkResult(int succeeded, int failed, List<BulkOutcome> results) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PickListItem(
            String id,
            String orderId,
            OrderApi.Method method,
            String status,
            String locationId,
            String pickupLocationId,
            String compartment,
            List<OrderApi.LineView> lines,
            Instant createdAt,
            Instant updatedAt,
            Instant readyAt,
            long ageSeconds) {}

    /** One page of a pick list, oldest first; {@code nextCursor} fetches the next page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PickList(List<PickListItem> items, String nextCursor) {}

    /** {@code collectedBy} and {@code collectorName} are the hand-over's proof (optional at a kiosk). */
    public record VerifyRequest(
            @NotBlank @Size(max = 32) String code,
            HandOverProof.Collector collectedBy,
            @Size(max = 128) String collectorName) {

        public VerifyRequest(String code) {
            this(code, null, null);
        }
    }

    /** What a verified code handed over, and the compartment to open. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HandOver(
            String orderId,
            String fulfillmentId,
            String pickupLocationId,
            String compartment,
            String status,
            List<OrderApi.LineView> lines) {}
}
