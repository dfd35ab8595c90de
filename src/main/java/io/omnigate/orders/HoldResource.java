package io.omnigate.orders;

import io.omnigate.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Checkout sessions set stock aside for a while; an order may consume its hold. */
@Path("/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class HoldResource {

    private final HoldService service;

    HoldResource(HoldService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(summary = "Reserve a cart's stock for a checkout session until ttlSeconds pass")
    public Uni<RestResponse<OrderApi.HoldView>> create(@Valid @NotNull OrderApi.HoldRequest request) {
        return service.create(request).map(h -> RestResponse.status(RestResponse.Status.CREATED, h));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.CHECKOUT, Roles.ADMIN})
    @Operation(summary = "Release a hold before it expires")
    public Uni<RestResponse<Void>> release(@RestPath String id) {
        return service.releaseHold(id).map(done -> RestResponse.noContent());
    }
}
