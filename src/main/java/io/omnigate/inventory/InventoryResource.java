package io.omnigate.inventory;

import io.omnigate.network.LocationResource;
import io.omnigate.platform.ProblemException;
import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Stock feeds from POS/WMS/ERP and the per-location ATP view. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class InventoryResource {

    public record InboundRequest(
            @NotBlank @Size(max = 64) String locationId,
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(1_000_000) Integer qty,
            @NotNull OffsetDateTime eta,
            @Size(max = 128) String reference) {}

    public record InboundView(Long id, String locationId, String sku, int qty, OffsetDateTime eta, String reference) {}

    public record SafetyStockLine(
            @NotBlank @Size(max = 64) String locationId,
            @NotBlank @Size(max = 64) String sku,
            @Min(0) @Max(1_000_000) Integer safetyStock) {}

    public record SafetyStockResult(int updated) {}

    private final InventoryService service;
    private final InventoryConfig config;

    InventoryResource(InventoryService service, InventoryConfig config) {
        this.service = service;
        this.config = config;
    }

    @POST
    @Path("/inventory/adjustments")
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply real-time stock deltas; a repeated eventId is applied once")
    public Uni<InventoryService.AdjustmentResult> adjust(
            @NotNull @Size(min = 1) List<@NotNull @Valid Adjustment> adjustments) {
        if (adjustments.size() > config.maxAdjustmentsPerRequest()) {
            throw ProblemException.invalid(
                    "body", "at most " + config.maxAdjustmentsPerRequest() + " adjustments per request");
        }
        for (int i = 0; i < adjustments.size(); i++) {
            ClockSkew.refuseFuture("[" + i + "].occurredAt", adjustments.get(i).occurredAt(), config.maxClockSkew());
        }
        return service.adjust(adjustments);
    }

    @POST
    @Path("/inventory/inbound")
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an expected receipt (transfer, replenishment)")
    public Uni<RestResponse<InboundView>> inbound(@Valid @NotNull InboundRequest request) {
        return service.addInbound(
                        request.locationId(), request.sku(), request.qty(), request.eta(), request.reference())
                .map(r -> RestResponse.status(
                        RestResponse.Status.CREATED,
                        new InboundView(r.id(), r.locationId(), r.sku(), r.qty(), r.eta(), r.reference())));
    }

    @PUT
    @Path("/inventory/safety-stock")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set per-SKU safety stock at locations; null returns to the location default")
    public Uni<SafetyStockResult> safetyStock(
            @NotNull @Size(min = 1, max = 10_000) List<@NotNull @Valid SafetyStockLine> lines) {
        refuseRepeatedPairs(lines);
        return service.setSafetyStock(
                        lines.stream().map(SafetyStockLine::locationId).toList(),
                        lines.stream().map(SafetyStockLine::sku).toList(),
                        lines.stream().map(SafetyStockLine::safetyStock).toList())
                .map(done -> new SafetyStockResult(lines.size()));
    }

    /** One statement sets every line, and PostgreSQL cannot update one row twice in it: name the repeat. */
    private static void refuseRepeatedPairs(List<SafetyStockLine> lines) {
        Map<List<String>, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Integer first = seen.putIfAbsent(
                    List.of(lines.get(i).locationId(), lines.get(i).sku()), i);
            if (first != null) {
                throw ProblemException.invalid(
                        "[" + i + "]", "repeats the location and SKU of [" + first + "]; send each pair once");
            }
        }
    }

    @GET
    @Path("/inventory/{sku}")
    @RolesAllowed({Roles.ADMIN, Roles.INVENTORY_FEED, Roles.CHECKOUT, Roles.STORE_DEVICE})
    @Operation(summary = "Available-to-promise of one SKU per location, nearest first when near= is given")
    public Uni<InventoryService.StockAvailability> availability(
            @RestPath String sku,
            @RestQuery String near,
            @RestQuery @Min(0) @Max(20_000) Double radiusKm,
            @RestQuery @DefaultValue("20") @Min(1) @Max(500) int limit) {
        double[] point = near == null ? null : LocationResource.parsePoint(near);
        return service.availability(sku, point, radiusKm == null ? Double.POSITIVE_INFINITY : radiusKm, limit);
    }
}
