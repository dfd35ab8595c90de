package io.omnigate.availability;

import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The checkout call: how, where and by when a cart can reach the customer. */
@Path("/v1/availability")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "availability")
public class AvailabilityResource {

    private final AvailabilityService service;

    AvailabilityResource(AvailabilityService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(summary = "Fulfillment options for a cart and destination, within the request's deadline")
    public Uni<AvailabilityResponse> availability(@NotNull @Valid AvailabilityRequest request) {
        return service.availability(request);
    }
}
