package io.omnigate.kpis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of {@code GET /v1/kpis}. */
public final class KpiApi {

    private KpiApi() {}

    /** Durations in seconds over the fulfillments that have both ends; null figures when none has. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Duration(long count, Double avgSeconds, Double p50Seconds, Double p90Seconds) {}

    /** One location's fulfillments assigned on one local day, and what became of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationDay(
            String locationId,

            @Schema(description = "The day in the location's own time zone when the fulfillments were assigned")
            LocalDate day,

            long fulfillments,

            @Schema(description = "Fulfillments packed or rejected: the ones whose accuracy is known")
            long decided,

            @Schema(description = "Decided fulfillments that were short-picked or rejected")
            long inaccurate,

            @Schema(description = "(decided - inaccurate) / decided")
            Double accuracy,

            @Schema(description = "ACCEPTED to PACKED") Duration pickTime,

            @Schema(description = "Assignment to READY_FOR_PICKUP")
            Duration timeToReady,

            @Schema(description = "Assignment to DELIVERED") Duration timeToDeliver,
            long pickedUp,
            long expired,

            @Schema(description = "pickedUp / (pickedUp + expired)")
            Double pickupRate,

            @Schema(description = "Arrival (POST /v1/orders/{id}/arrival) to PICKED_UP")
            Duration curbWait,

            @Schema(description = "Rejections and short picks by reason")
            Map<String, Long> rejectReasons,

            @Schema(description = "READY_FOR_PICKUP by the readyAt promised at placement")
            OnTime readyOnTime,

            @Schema(description = "DELIVERED (location's local day) by the promisedBy day promised at placement")
            OnTime deliveredOnTime) {}

    /** Promises kept: of the fulfillments that reached the milestone with a promise, how many by the promise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnTime(long promised, long onTime, Double rate) {}

    public record Report(LocalDate from, LocalDate to, String locationId, List<LocationDay> days) {}
}
